using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Mosaic.Core.Access;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Indicators;
using Mosaic.Server.Infrastructure;

namespace Mosaic.Server.Apis;

/// <summary>The indicator catalogue with its SDG and GCM tags.</summary>
internal static class IndicatorsApi
{
    public static RouteGroupBuilder MapIndicatorsApi(this RouteGroupBuilder api)
    {
        var indicators = api.MapGroup("/indicators").WithTags("indicators").RequireCapability(Capability.ReadAggregates);
        indicators.MapGet("/", List).WithSummary("The indicator catalogue");
        indicators.MapGet("/{id}", Get).WithSummary("One indicator's full definition");
        return api;
    }

    public static Ok<IndicatorListReport> List() => TypedResults.Ok(IndicatorListReport.Of(IndicatorCatalogue.Shipped));

    public static Results<ContentHttpResult, ProblemHttpResult> Get(string id) =>
        IndicatorCatalogue.Shipped.Find(id) is { } d
            ? TypedResults.Text(IndicatorCatalogue.ToJson(d), "application/json")
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Indicator not found", detail: $"no indicator '{id}' in the catalogue");
}
