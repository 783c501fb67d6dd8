namespace Mosaic.Core.Mobility.Analysis;

/// <summary>The rounds (number and date) each series has in a set of total rows.</summary>
internal static class SeriesRounds
{
    public static Dictionary<SeriesKey, SortedSet<RoundOccurrence>> Of(IReadOnlyList<AssessmentTotalRow> rows, IReadOnlyList<SeriesKey> series)
    {
        var seen = new Dictionary<SeriesKey, HashSet<RoundOccurrence>>();
        SeriesKey? lastSeries = null;
        RoundOccurrence last = default;
        HashSet<RoundOccurrence>? set = null;
        for (var i = 0; i < rows.Count; i++)
        {
            var s = series[i];
            var o = new RoundOccurrence(rows[i].Round, rows[i].ReportingDate);
            // Rows of one series and round mostly come together: skip both lookups when nothing changed.
            if (ReferenceEquals(s, lastSeries) && o == last)
                continue;
            if (!ReferenceEquals(s, lastSeries) && !seen.TryGetValue(s, out set))
                seen[s] = set = [];
            set!.Add(o);
            (lastSeries, last) = (s, o);
        }
        return seen.ToDictionary(kv => kv.Key, kv => new SortedSet<RoundOccurrence>(kv.Value));
    }
}
