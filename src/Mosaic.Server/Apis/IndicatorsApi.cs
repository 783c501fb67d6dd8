using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Mosaic.Core.Access;
using Mosaic.Core.Indicators;
using Mosaic.Server.Infrastructure;

namespace Mosaic.Server.Apis;

/// <summary>The indicator catalogue with its SDG and GCM tags.</summary>
public static class IndicatorsApi
{
    public static RouteGroupBuilder MapIndicatorsApi(this RouteGroupBuilder api)
    {
        var indicators = api.MapGroup("/indicators").WithTags("indicators").RequireCapability(Capability.ReadAggregates);
        indicators.MapGet("/", List).WithSummary("The indicator catalogue");
        indicators.MapGet("/{id}", Get).WithSummary("One indicator's full definition");
        return api;
    }

    public static Ok<List<IndicatorView>> List() =>
        TypedResults.Ok(IndicatorCatalogue.Shipped.Indicators.Select(IndicatorView.Of).ToList());

    public static Results<ContentHttpResult, ProblemHttpResult> Get(string id) =>
        IndicatorCatalogue.Shipped.Find(id) is { } d
            ? TypedResults.Text(IndicatorCatalogue.ToJson(d), "application/json")
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Indicator not found", detail: $"no indicator '{id}' in the catalogue");
}

/// <summary>A catalogue entry, summarised.</summary>
public sealed record IndicatorView(
    string Id, int Version, string Label, string? Description, string Unit, string Measure,
    IReadOnlyList<string> Sdg, IReadOnlyList<string> Gcm, IReadOnlyList<string> SuggestedBy)
{
    public static IndicatorView Of(IndicatorDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new IndicatorView(d.Id, d.Version, d.Label, d.Description, System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(d.Unit.ToString()),
            System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(d.Measure.Kind.ToString()), d.Tags.Sdg, d.Tags.Gcm, d.SuggestedBy);
    }
}
