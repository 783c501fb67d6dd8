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
    public static FlowSeriesReport Read(IMosaicStore store, string? scope)
    {
        ArgumentNullException.ThrowIfNull(store);
        var points = store.Mobility.ReadFlowPoints()
            .Where(p => scope is null || (p.AreaPcode is { } a && AccessScope.Contains(store.Areas, scope, a)))
            .ToList();
        var series = new List<FlowPointSeries>(points.Count);
        foreach (var point in points)
        {
            var days = store.Mobility.ReadFlowDailyTotals(point.Code)
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
