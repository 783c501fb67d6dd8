using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Mosaic.Core.Access;
using Mosaic.Core.Mobility;
using Mosaic.Core.Mobility.Analysis;
using Mosaic.Server.Infrastructure;

namespace Mosaic.Server.Apis;

/// <summary>
/// Mobility: key-informant totals per round and their change (the same summary as <c>mosaic mobility summary</c>),
/// and daily flow series per monitoring point with closures marked. Limited to the user's scope: rows of areas
/// outside it are left out, and points outside it too.
/// </summary>
public static class MobilityApi
{
    public static RouteGroupBuilder MapMobilityApi(this RouteGroupBuilder api)
    {
        var mobility = api.MapGroup("/mobility").WithTags("mobility").RequireCapability(Capability.ReadAggregates);
        mobility.MapGet("/summary", Summary).WithSummary("Totals per round and change between rounds (round, compare, level)");
        mobility.MapGet("/flows", Flows).WithSummary("Daily inflow and outflow per monitoring point, with closures detected in the counts");
        return api;
    }

    public static async Task<Results<Ok<MobilitySummaryView>, ProblemHttpResult>> Summary(HttpContext http, MosaicDatabase database, int? round = null, int? compare = null, int? level = null)
    {
        var user = CurrentUser.From(http.User);
        var store = database.ForRequest(http);
        SummaryReport report;
        try
        {
            report = await MobilitySummary.RunAsync(store, new SummaryOptions(round, compare, level ?? 0), http.RequestAborted);
        }
        catch (ArgumentException ex)
        {
            return Problems.BadRequest(ex.Message);
        }
        var sees = await user.SeesManyAsync(store.Areas, http.RequestAborted);
        bool Visible(string pcode) => user.Scope is null || (pcode.Length > 0 && sees(pcode));
        return TypedResults.Ok(new MobilitySummaryView(
            report.Level,
            [.. report.Rounds.Where(r => Visible(r.AreaPcode))],
            [.. report.Changes.Where(c => Visible(c.AreaPcode))],
            user.Scope is null ? report.Anomalies : [],
            report.Notes));
    }

    public static async Task<Ok<FlowsView>> Flows(HttpContext http, MosaicDatabase database)
    {
        var user = CurrentUser.From(http.User);
        var store = database.ForRequest(http);
        var sees = await user.SeesManyAsync(store.Areas, http.RequestAborted);
        var points = store.Mobility.ReadFlowPoints()
            .Where(p => user.Scope is null || (p.AreaPcode is { } a && sees(a)))
            .ToList();
        var views = new List<FlowPointView>();
        foreach (var point in points)
        {
            var days = store.Mobility.ReadFlowDailyTotals(point.Code)
                .GroupBy(d => d.Date)
                .OrderBy(g => g.Key)
                .Select(g => new FlowDayView(g.Key, g.Where(d => d.Direction == FlowDirection.In).Sum(d => d.Persons),
                    g.Where(d => d.Direction == FlowDirection.Out).Sum(d => d.Persons)))
                .ToList();
            views.Add(new FlowPointView(point.Code, point.Name, point.AreaPcode, days,
                FlowEvents.Closures([.. days.Select(d => (d.Date, d.In + d.Out))])));
        }
        return TypedResults.Ok(new FlowsView(views));
    }
}

/// <summary>The mobility summary within a scope.</summary>
public sealed record MobilitySummaryView(
    int Level, IReadOnlyList<RoundTotal> Rounds, IReadOnlyList<RoundChange> Changes, IReadOnlyList<RoundAnomaly> Anomalies, IReadOnlyList<string> Notes);

/// <summary>Flow series of every point in scope.</summary>
public sealed record FlowsView(IReadOnlyList<FlowPointView> Points);

/// <summary>A monitoring point's daily series and the closures its counts show.</summary>
public sealed record FlowPointView(string Code, string Name, string? AreaPcode, IReadOnlyList<FlowDayView> Days, IReadOnlyList<FlowEvent> Events);

/// <summary>Persons crossing on a day, each way.</summary>
public sealed record FlowDayView(DateOnly Date, long In, long Out);
