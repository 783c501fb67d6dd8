using Mosaic.Core.Registry;

namespace Mosaic.Core.Targeting;

/// <summary>
/// Who the list reaches: the share of targeted households with at least one member of each migratory
/// status, and by sex of the head, against the same shares among the high/extreme households — so that
/// returnees and displaced families visibly are (or are not) left out.
/// </summary>
internal static class CoverageSummary
{
    /// <summary>The coverage rows: per migratory status and sex of the head, the targeted households' share against the
    /// priority (high or extreme) households' share.</summary>
    public static IReadOnlyList<CoverageRow> Compute(IEnumerable<Household> targeted, IEnumerable<Household> priority) =>
        FromCounts(Count(targeted), Count(priority));

    /// <summary>The rows from counts of households per <c>member_status:CODE</c> and <c>head_sex:CODE</c> key.</summary>
    internal static IReadOnlyList<CoverageRow> FromCounts((int Total, Dictionary<string, int> Counts) t, (int Total, Dictionary<string, int> Counts) p)
    {
        var rows = new List<CoverageRow>();
        foreach (var (status, code) in Codes.MigratoryStatus.Entries)
        {
            var key = "member_status:" + code;
            rows.Add(Row("member_status", code, t, p, key));
        }
        foreach (var code in new[] { "female", "male", "other", "unknown", "no_head" })
            rows.Add(Row("head_sex", code, t, p, "head_sex:" + code));
        return rows;
    }

    private static CoverageRow Row(string dimension, string group, (int Total, Dictionary<string, int> Counts) t, (int Total, Dictionary<string, int> Counts) p, string key)
    {
        var tc = t.Counts.GetValueOrDefault(key);
        var pc = p.Counts.GetValueOrDefault(key);
        return new CoverageRow(dimension, group, tc, t.Total == 0 ? 0 : (double)tc / t.Total, pc, p.Total == 0 ? 0 : (double)pc / p.Total);
    }

    internal static (int Total, Dictionary<string, int> Counts) Count(IEnumerable<Household> households)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        var seen = new HashSet<MigratoryStatus>();
        foreach (var h in households)
        {
            total++;
            seen.Clear();
            foreach (var m in h.Members)
            {
                if (seen.Add(m.MigratoryStatus))
                    Increment(counts, "member_status:" + Codes.MigratoryStatus[m.MigratoryStatus]);
            }
            var head = h.Head;
            Increment(counts, "head_sex:" + (head is null ? "no_head" : Codes.Sex[head.Sex]));
        }
        return (total, counts);
    }

    private static void Increment(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
