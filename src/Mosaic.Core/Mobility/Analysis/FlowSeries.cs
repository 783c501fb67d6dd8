using Mosaic.Core.Access;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Storage;

namespace Mosaic.Core.Mobility.Analysis;

/// <summary>
/// Daily inflow and outflow per flow monitoring point, with closures detected in the counts. Points are counted
/// crossings (observations), not individual records, so no disclosure rule applies; a reader with an access scope
/// sees only the points whose area lies in it (a point with no area only when unrestricted).
/// </summary>
public static class FlowSeries
{
    /// <summary>The series of every point in <paramref name="scope"/> (every point when null).</summary>
    /// <param name="store">The unit of work.</param>
    /// <param name="scope">The reader's access scope (null: every point).</param>
    /// <param name="cancellationToken">Passed to the store's reads (the area tree and the points once, then each point's days).</param>
    public static async Task<FlowSeriesReport> ReadAsync(IMosaicStore store, string? scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var inScope = scope is null ? null : AccessScope.Of(await store.Areas.AllAsync(cancellationToken: cancellationToken), scope);
        var points = (await store.Mobility.ReadFlowPointsAsync(cancellationToken))
            .Where(p => inScope is null || (p.AreaPcode is { } a && inScope(a)))
            .ToList();
        var series = new List<FlowPointSeries>(points.Count);
        foreach (var point in points)
        {
            var days = (await store.Mobility.ReadFlowDailyTotalsAsync(point.Code, cancellationToken))
                .GroupBy(d => d.Date)
                .OrderBy(g => g.Key)
                .Select(g => new FlowDay(g.Key, g.Where(d => d.Direction == FlowDirection.In).Sum(d => d.Persons),
                    g.Where(d => d.Direction == FlowDirection.Out).Sum(d => d.Persons)))
                .ToList();
            series.Add(new FlowPointSeries(point.Code, point.Name, point.AreaPcode, days,
                FlowEvents.Closures([.. days.Select(d => (d.Date, d.In + d.Out))])));
        }
        return new FlowSeriesReport(series);
    }
}
