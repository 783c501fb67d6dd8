namespace Mosaic.Core.Mobility.Analysis;

/// <summary>Flow monitoring figures per point: totals, daily averages, net flow, breakdowns, before/after a date.</summary>
internal static class FlowSummary
{
    public static IReadOnlyList<FlowPointSummary> Summarise(FlowTotals totals, IReadOnlyList<FlowMonitoringPoint> points, SummaryOptions options)
    {
        var names = points.ToDictionary(p => p.Code, p => p.Name, StringComparer.Ordinal);
        var result = new List<FlowPointSummary>();
        foreach (var point in totals.Directions.GroupBy(d => d.PointCode).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var inTotal = point.FirstOrDefault(d => d.Direction == FlowDirection.In);
            var outTotal = point.FirstOrDefault(d => d.Direction == FlowDirection.Out);
            // The period runs from the first to the last observed day, clipped to --from/--to when given.
            var first = options.From ?? point.Min(d => d.First);
            var last = options.To ?? point.Max(d => d.Last);
            var days = last.DayNumber - first.DayNumber + 1;
            long i = inTotal?.Persons ?? 0, o = outTotal?.Persons ?? 0;
            FlowSplit? split = null;
            if (options.SplitDate is { } s)
            {
                var before = Math.Clamp(s.DayNumber - first.DayNumber, 0, days);
                var after = days - before;
                long ib = inTotal?.PersonsBeforeSplit ?? 0, ob = outTotal?.PersonsBeforeSplit ?? 0;
                split = new FlowSplit(s, before, Avg(ib, before), Avg(ob, before), after, Avg(i - ib, after), Avg(o - ob, after));
            }
            result.Add(new FlowPointSummary(point.Key, names.GetValueOrDefault(point.Key) ?? point.Key, first, last, days, i, o,
                Avg(i, days), Avg(o, days), i - o, Breakdown(totals.Reasons, point.Key), Breakdown(totals.TravellerTypes, point.Key), split));
        }
        return result;
    }

    private static double Avg(long total, int days) => days <= 0 ? 0 : Math.Round((double)total / days, 1);

    private static List<FlowBreakdown> Breakdown(IReadOnlyList<FlowCategoryTotal> totals, string point) =>
        [.. totals.Where(t => t.PointCode == point).GroupBy(t => t.Category)
            .Select(g => new FlowBreakdown(g.Key, g.Where(t => t.Direction == FlowDirection.In).Sum(t => t.Persons), g.Where(t => t.Direction == FlowDirection.Out).Sum(t => t.Persons)))
            .OrderByDescending(b => b.In + b.Out).ThenBy(b => b.Category, StringComparer.Ordinal)];
}
