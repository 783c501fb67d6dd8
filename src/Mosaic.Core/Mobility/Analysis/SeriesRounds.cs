namespace Mosaic.Core.Mobility.Analysis;

/// <summary>The rounds (number and date) each series has in a set of total rows.</summary>
internal static class SeriesRounds
{
    public static Dictionary<SeriesKey, SortedSet<RoundOccurrence>> Of(IEnumerable<AssessmentTotalRow> rows)
    {
        var result = new Dictionary<SeriesKey, SortedSet<RoundOccurrence>>();
        SeriesKey? last = null;
        SortedSet<RoundOccurrence>? set = null;
        foreach (var row in rows)
        {
            var s = row.Series;
            // Rows come grouped by series more often than not: skip the lookup when the series repeats.
            if (set is null || !s.Equals(last))
            {
                if (!result.TryGetValue(s, out set))
                    result[s] = set = [];
                last = s;
            }
            set.Add(new RoundOccurrence(row.Round, row.ReportingDate));
        }
        return result;
    }
}
