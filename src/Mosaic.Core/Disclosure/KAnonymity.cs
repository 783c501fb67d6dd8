using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mosaic.Core.Disclosure;

/// <summary>
/// k-anonymity for microdata exports: a report over chosen quasi-identifiers (e.g. area, sex, age group,
/// migratory status) and local suppression that blanks individual values until every combination is shared by at
/// least k records.
/// </summary>
internal static class KAnonymity
{
    /// <summary>What a suppressed value becomes. It counts as its own category, which errs on the safe side.</summary>
    public const string SuppressedMark = "*";

    /// <param name="records">One array of quasi-identifier values per record (null = missing, treated as a value).</param>
    public static KAnonymityReport Report(IReadOnlyList<string?[]> records, int k, int suppressedValues = 0)
    {
        var classes = Classes(records);
        var atRisk = 0;
        var classesAtRisk = 0;
        var smallest = records.Count == 0 ? 0 : int.MaxValue;
        foreach (var size in classes.Values)
        {
            smallest = Math.Min(smallest, size);
            if (size < k)
            {
                classesAtRisk++;
                atRisk += size;
            }
        }
        return new KAnonymityReport(k, records.Count, classes.Count, atRisk, classesAtRisk, smallest, suppressedValues);
    }

    /// <summary>
    /// Local suppression: while some records are in combinations smaller than k, blank one more quasi-identifier of
    /// each such record, in the given priority order (first = the one to give up first, typically the most detailed,
    /// such as the village). When every quasi-identifier of some records is blanked and their all-blank class is
    /// still below k, whole records of the smallest remaining classes are blanked into it until it reaches k. So the
    /// result is always k-anonymous when there are at least k records; with fewer, the report says so
    /// (<see cref="KAnonymityReport.Reason"/>). Returns new records; the input is not changed.
    /// </summary>
    public static (IReadOnlyList<string?[]> Records, KAnonymityReport Report) Suppress(IReadOnlyList<string?[]> records, int k, IReadOnlyList<int> priority)
    {
        var result = records.Select(r => (string?[])r.Clone()).ToList();
        var suppressed = 0;
        for (var round = 0; round < priority.Count; round++)
        {
            var classes = Classes(result);
            var any = false;
            foreach (var record in result)
            {
                if (classes[record] >= k)
                    continue;
                any = true;
                foreach (var column in priority)
                {
                    if (record[column] != SuppressedMark)
                    {
                        record[column] = SuppressedMark;
                        suppressed++;
                        break;
                    }
                }
            }
            if (!any)
                break;
        }
        if (result.Count < k)
        {
            var few = Report(result, k, suppressed);
            return (result, few.IsKAnonymous ? few : few with { Reason = $"only {result.Count} record(s) in all, fewer than k = {k}: no suppression can make them k-anonymous" });
        }
        suppressed += MergeIntoBlank(result, k, priority);
        var report = Report(result, k, suppressed);
        return (result, report.IsKAnonymous ? report
            : report with { Reason = "some records differ only in quasi-identifiers outside the suppression order, which local suppression does not blank" });
    }

    /// <summary>
    /// Blanks every priority column of whole classes: first each class still below k (they join the all-blank class),
    /// then, while the all-blank class itself is below k, the smallest other class. Each step removes one class, so it
    /// ends; it cannot help only when records differ in quasi-identifiers outside <paramref name="priority"/>.
    /// </summary>
    private static int MergeIntoBlank(List<string?[]> records, int k, IReadOnlyList<int> priority)
    {
        var blanked = 0;
        while (true)
        {
            var classes = Classes(records);
            string?[]? target = null;
            string?[]? smallestOther = null;
            var smallestSize = int.MaxValue;
            var blankBelowK = false;
            foreach (var (record, size) in classes)
            {
                if (IsBlank(record, priority))
                {
                    blankBelowK |= size < k;
                    continue;
                }
                if (size < k)
                    target ??= record;
                if (size < smallestSize)
                    (smallestOther, smallestSize) = (record, size);
            }
            target ??= blankBelowK ? smallestOther : null;
            if (target is null)
                return blanked;
            foreach (var record in records)
            {
                if (!RecordComparer.Instance.Equals(record, target))
                    continue;
                foreach (var column in priority)
                {
                    if (record[column] != SuppressedMark)
                    {
                        record[column] = SuppressedMark;
                        blanked++;
                    }
                }
            }
        }
    }

    private static bool IsBlank(string?[] record, IReadOnlyList<int> priority)
    {
        foreach (var column in priority)
        {
            if (record[column] != SuppressedMark)
                return false;
        }
        return true;
    }

    /// <summary>How many equivalence classes have each size, smallest size first.</summary>
    /// <param name="records">The records.</param>
    /// <param name="width">Only the first values of each record are its quasi-identifiers (null: all of them).</param>
    public static IReadOnlyList<(int Size, int Classes)> ClassSizes(IReadOnlyList<string?[]> records, int? width = null) =>
        [.. Classes(records, width is { } w ? RecordComparer.Prefix(w) : RecordComparer.Instance).Values.GroupBy(size => size).Select(g => (g.Key, g.Count())).OrderBy(p => p.Item1)];

    /// <summary>Number of suppressed values in each quasi-identifier column (after <see cref="Suppress"/>).</summary>
    public static int[] SuppressedByColumn(IReadOnlyList<string?[]> records)
    {
        var counts = records.Count == 0 ? [] : new int[records[0].Length];
        foreach (var r in records)
        {
            for (var c = 0; c < counts.Length; c++)
            {
                if (r[c] == SuppressedMark)
                    counts[c]++;
            }
        }
        return counts;
    }

    private static Dictionary<string?[], int> Classes(IReadOnlyList<string?[]> records, RecordComparer? comparer = null)
    {
        var classes = new Dictionary<string?[], int>(comparer ?? RecordComparer.Instance);
        foreach (var r in records)
        {
            ref var size = ref CollectionsMarshal.GetValueRefOrNullRef(classes, r);
            if (Unsafe.IsNullRef(ref size))
            {
                // Store a copy as the key: Suppress blanks records in place while it still looks classes up.
                classes.Add((string?[])r.Clone(), 1);
            }
            else
            {
                size++;
            }
        }
        return classes;
    }
}
