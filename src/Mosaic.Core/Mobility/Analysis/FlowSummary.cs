namespace Mosaic.Core.Mobility.Analysis;

/// <summary>Flow monitoring figures per point: totals, daily averages, net flow, breakdowns, before/after a date.</summary>
public static class FlowSummary
{
    public static IReadOnlyList<FlowPointSummary> Summarise(IReadOnlyList<FlowDailyTotal> daily, IReadOnlyList<FlowMonitoringPoint> points, SummaryOptions options)
    {
        var names = points.ToDictionary(p => p.Code, p => p.Name, StringComparer.Ordinal);
        var byPoint = new Dictionary<string, PointAccumulator>(StringComparer.Ordinal);
        foreach (var d in daily)
        {
            if ((options.From is { } from && d.Date < from) || (options.To is { } to && d.Date > to))
                continue;
            if (!byPoint.TryGetValue(d.PointCode, out var acc))
                byPoint[d.PointCode] = acc = new PointAccumulator();
            acc.Add(d, options.SplitDate);
        }
        var result = new List<FlowPointSummary>(byPoint.Count);
        foreach (var (code, acc) in byPoint.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            // The period runs from the first to the last observed day, clipped to --from/--to when given.
            var first = options.From ?? acc.First;
            var last = options.To ?? acc.Last;
            var days = last.DayNumber - first.DayNumber + 1;
            FlowSplit? split = null;
            if (options.SplitDate is { } s)
            {
                var before = Math.Clamp(s.DayNumber - first.DayNumber, 0, days);
                var after = days - before;
                split = new FlowSplit(s, before, Avg(acc.InBefore, before), Avg(acc.OutBefore, before), after,
                    Avg(acc.In - acc.InBefore, after), Avg(acc.Out - acc.OutBefore, after));
            }
            result.Add(new FlowPointSummary(code, names.GetValueOrDefault(code) ?? code, first, last, days, acc.In, acc.Out,
                Avg(acc.In, days), Avg(acc.Out, days), acc.In - acc.Out,
                Breakdown(acc.ByReason, r => MobilityCodes.Reason[r]), Breakdown(acc.ByTraveller, t => MobilityCodes.TravellerType[t]), split));
        }
        return result;
    }

    private static double Avg(long total, int days) => days <= 0 ? 0 : Math.Round((double)total / days, 1);

    private static List<FlowBreakdown> Breakdown<T>(Dictionary<T, (long In, long Out)> values, Func<T, string> code) where T : struct, Enum =>
        [.. values.OrderByDescending(v => v.Value.In + v.Value.Out).Select(v => new FlowBreakdown(code(v.Key), v.Value.In, v.Value.Out))];

    private sealed class PointAccumulator
    {
        public long In;
        public long Out;
        public long InBefore;
        public long OutBefore;
        public DateOnly First = DateOnly.MaxValue;
        public DateOnly Last = DateOnly.MinValue;
        public Dictionary<FlowReason, (long In, long Out)> ByReason { get; } = [];
        public Dictionary<TravellerType, (long In, long Out)> ByTraveller { get; } = [];

        public void Add(FlowDailyTotal d, DateOnly? split)
        {
            var isIn = d.Direction == FlowDirection.In;
            if (isIn)
                In += d.Persons;
            else
                Out += d.Persons;
            if (split is { } s && d.Date < s)
            {
                if (isIn)
                    InBefore += d.Persons;
                else
                    OutBefore += d.Persons;
            }
            if (d.Date < First)
                First = d.Date;
            if (d.Date > Last)
                Last = d.Date;
            var r = ByReason.GetValueOrDefault(d.Reason);
            ByReason[d.Reason] = isIn ? (r.In + d.Persons, r.Out) : (r.In, r.Out + d.Persons);
            var t = ByTraveller.GetValueOrDefault(d.TravellerType);
            ByTraveller[d.TravellerType] = isIn ? (t.In + d.Persons, t.Out) : (t.In, t.Out + d.Persons);
        }
    }
}
