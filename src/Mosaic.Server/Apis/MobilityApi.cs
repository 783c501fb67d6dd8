using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Mosaic.Core.Access;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Mobility.Analysis;
using Mosaic.Server.Infrastructure;

namespace Mosaic.Server.Apis;

/// <summary>
/// Mobility: key-informant totals per round and their change (the same report as <c>mosaic mobility summary --json</c>),
/// and daily flow series per monitoring point with closures marked. Limited to the user's scope: rows of areas
/// outside it are left out, and points outside it too.
/// </summary>
internal static class MobilityApi
{
    public static RouteGroupBuilder MapMobilityApi(this RouteGroupBuilder api)
    {
        var mobility = api.MapGroup("/mobility").WithTags("mobility").RequireCapability(Capability.ReadAggregates);
        mobility.MapGet("/summary", Summary).WithSummary("Totals per round and change between rounds (round, compare, level)");
        mobility.MapGet("/flows", Flows).WithSummary("Daily inflow and outflow per monitoring point, with closures detected in the counts");
        return api;
    }

    public static async Task<Results<Ok<MobilitySummaryReport>, ProblemHttpResult>> Summary(HttpContext http, MosaicDatabase database, int? round = null, int? compare = null, int? level = null)
    {
        var user = CurrentUser.From(http.User);
        var store = await database.ForRequestAsync(http);
        SummaryReport report;
        try
        {
            report = await MobilitySummary.RunAsync(store, new SummaryOptions(round, compare, level ?? 0), http.RequestAborted);
        }
        catch (ArgumentException ex)
        {
            return Problems.BadRequest(ex.Message);
        }
        return TypedResults.Ok(await MobilitySummaryReport.Of(report).WithinAsync(store, user.Scope, http.RequestAborted));
    }

    public static async Task<Ok<FlowSeriesReport>> Flows(HttpContext http, MosaicDatabase database) =>
        TypedResults.Ok(await FlowSeries.ReadAsync(await database.ForRequestAsync(http), CurrentUser.From(http.User).Scope, http.RequestAborted));
}
