namespace Mosaic.Core.Mobility;

/// <summary>
/// Finds closures in a daily flow series: runs of at least <see cref="MinimumDays"/> days whose crossings fall below a
/// quarter of the median of the 14 days before the run began. Flow data carries no event records, so the dashboard
/// marks what the counts show; a closure is a collapse of both directions together.
/// </summary>
internal static class FlowEvents
{
    /// <summary>The shortest run of low days, in days, reported as a closure.</summary>
    public const int MinimumDays = 3;

    private const int Baseline = 14;

    /// <summary>Closures in a series of (day, persons), ordered by day; days without observations count as zero.</summary>
    public static IReadOnlyList<FlowEvent> Closures(IReadOnlyList<(DateOnly Day, long Persons)> daily)
    {
        ArgumentNullException.ThrowIfNull(daily);
        var events = new List<FlowEvent>();
        if (daily.Count == 0)
            return events;
        var byDay = daily.GroupBy(d => d.Day).ToDictionary(g => g.Key, g => g.Sum(d => d.Persons));
        var first = daily.Min(d => d.Day);
        var last = daily.Max(d => d.Day);
        var values = new List<(DateOnly Day, long Persons)>();
        for (var d = first; d <= last; d = d.AddDays(1))
            values.Add((d, byDay.GetValueOrDefault(d)));
        var i = Baseline;
        while (i < values.Count)
        {
            var median = Median(values.Skip(i - Baseline).Take(Baseline).Select(v => v.Persons));
            if (median <= 0 || values[i].Persons >= median / 4.0)
            {
                i++;
                continue;
            }
            var end = i;
            while (end + 1 < values.Count && values[end + 1].Persons < median / 4.0)
                end++;
            if (end - i + 1 >= MinimumDays)
                events.Add(new FlowEvent("closure", values[i].Day, values[end].Day));
            i = end + 1;
        }
        return events;
    }

    private static double Median(IEnumerable<long> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2.0;
    }
}

/// <summary>A period the flow counts mark, e.g. a border closure.</summary>
/// <param name="Kind">What happened: <c>closure</c>.</param>
/// <param name="From">First day.</param>
/// <param name="To">Last day.</param>
public sealed record FlowEvent(string Kind, DateOnly From, DateOnly To);
