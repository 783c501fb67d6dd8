using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Core.Vulnerability;

namespace Mosaic.Core.Targeting;

// The selection over TargetingColumns and the stored ranks streamed in slices: what stays in memory for a national
// registry is the compact columns (~14 bytes a household) and the households in scope in rank order (5 bytes each);
// the stored id and rank columns, the members and the welfare order are never held whole.
internal static partial class ColumnTargeter
{
    /// <summary>
    /// <see cref="SelectAsync(Tabulation.RegistrySnapshot, ScoreRanks, AreaAncestry, TargetingRequest, string?, Func{IReadOnlyList{long}, CancellationToken, Task{IReadOnlyList{ListedHousehold}}}, Func{IReadOnlyList{long}, CancellationToken, Task{IReadOnlyList{StoredScore}}}, CancellationToken)"/>
    /// from <paramref name="columns"/>, the stored ranks streamed from <paramref name="scores"/>: the same list, quotas,
    /// coverage and errors.
    /// </summary>
    /// <returns>
    /// The list; or null with the number of candidate households without a stored score; or null with Unplaced when
    /// the stored ranks are not distinct (the caller then selects through the snapshot, which sorts them).
    /// </returns>
    public static async Task<(TargetList? List, int Unscored, bool Unplaced)> SelectAsync(
        TargetingColumns columns, IScoreColumnsSource scores, AreaAncestry areas, TargetingRequest request, string? candidateScope,
        Func<IReadOnlyList<long>, CancellationToken, Task<IReadOnlyList<ListedHousehold>>> readHouseholds,
        Func<IReadOnlyList<long>, CancellationToken, Task<IReadOnlyList<StoredScore>>> readScores, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(request);
        var scope = request.AreaPcode;
        var pcodes = columns.Areas.Pcodes;
        var chains = new string[pcodes.Count][];
        var considered = new bool[pcodes.Count];
        for (var a = 0; a < pcodes.Count; a++)
        {
            chains[a] = areas.Of(pcodes[a]);
            considered[a] = (candidateScope is null || Array.IndexOf(chains[a], candidateScope) >= 0) &&
                (scope is null || Array.IndexOf(chains[a], scope) >= 0);
        }
        var area = columns.Area;

        // Each considered household placed at its stored rank (rank - 1 → household + 1), as the id slices pass.
        var at = new int[Math.Max(columns.HouseholdCount, 16)];
        var classAt = new byte[at.Length];
        var limit = columns.HouseholdCount * 2L + 1024;
        var (unscored, placed, top) = (0, true, 0);
        var cursor = new HouseholdIdRuns.Cursor(columns.Ids);
        await scores.VisitRanksAsync((ids, ranks, classes) =>
        {
            for (var i = 0; i < ids.Length; i++)
            {
                while (!cursor.AtEnd && cursor.Current < ids[i])
                {
                    if (considered[area[cursor.Index]])
                        unscored++;
                    cursor.Next();
                }
                if (cursor.AtEnd || cursor.Current != ids[i])
                    continue;
                var h = cursor.Index;
                cursor.Next();
                if (!considered[area[h]])
                    continue;
                var r = ranks[i] - 1;
                if (r < 0 || r >= limit)
                {
                    placed = false;
                    continue;
                }
                if (r >= at.Length)
                {
                    var grown = (int)Math.Min(limit, Math.Max(r + 1L, at.Length * 2L));
                    Array.Resize(ref at, grown);
                    Array.Resize(ref classAt, grown);
                }
                if (at[r] != 0)
                    placed = false;
                (at[r], classAt[r]) = (h + 1, (byte)classes[i]);
                top = Math.Max(top, r + 1);
            }
        }, cancellationToken);
        for (; !cursor.AtEnd; cursor.Next())
        {
            if (considered[area[cursor.Index]])
                unscored++;
        }
        if (unscored > 0)
            return (null, unscored, false);
        if (!placed)
            return (null, 0, true);

        // In rank order, in place (a household's new position never passes its rank).
        var ranked = at;
        var rankedClass = classAt;
        var inScope = 0;
        for (var r = 0; r < top; r++)
        {
            if (at[r] != 0)
                (ranked[inScope], rankedClass[inScope++]) = (at[r] - 1, classAt[r]);
        }
        var priorityCoverage = CoverageCounts(columns, ranked, inScope, k => ((VulnerabilityClass)rankedClass[k]).IsPriority());

        var excluded = new Dictionary<string, int>(StringComparer.Ordinal);
        var eligible = ranked;
        var eligibleClass = rankedClass;
        var eligibleCount = inScope;
        if (request.ExcludeAssisted)
        {
            // Again in place: the eligible households keep their rank order.
            eligibleCount = 0;
            for (var k = 0; k < inScope; k++)
            {
                if (columns.Assisted(ranked[k]))
                {
                    excluded[Targeter.AlreadyAssisted] = excluded.GetValueOrDefault(Targeter.AlreadyAssisted) + 1;
                    continue;
                }
                (eligible[eligibleCount], eligibleClass[eligibleCount]) = (ranked[k], rankedClass[k]);
                eligibleCount++;
            }
        }

        var present = new bool[chains.Length];
        for (var i = 0; i < eligibleCount; i++)
            present[area[eligible[i]]] = true;
        var groupOfArea = QuotaAreas(present, eligibleCount == 0 ? -1 : area[eligible[0]], chains, scope, request.Quota);
        var groups = groupOfArea.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var groupIndex = groups.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i, StringComparer.Ordinal);
        var groupOfAreaIndex = groupOfArea.Select(g => g is null ? -1 : groupIndex.GetValueOrDefault(g, -1)).ToArray();
        var perGroup = new int[groups.Count];
        var priorityCount = new int[groups.Count];
        for (var i = 0; i < eligibleCount; i++)
        {
            var g = groupOfAreaIndex[area[eligible[i]]];
            perGroup[g]++;
            if (((VulnerabilityClass)eligibleClass[i]).IsPriority())
                priorityCount[g]++;
        }
        var weights = request.Quota switch
        {
            QuotaMode.Proportional => priorityCount.Select(p => (double)p).ToArray(),
            _ => [.. groups.Select(_ => 1.0)],
        };
        var quotas = QuotaAllocator.Allocate(Math.Max(0, request.Requested), weights, perGroup, priorityCount);

        var taken = new int[groups.Count];
        var selected = new List<int>(); // eligible positions, ascending
        for (var i = 0; i < eligibleCount; i++)
        {
            var g = groupOfAreaIndex[area[eligible[i]]];
            if (taken[g] >= quotas[g])
                continue;
            taken[g]++;
            selected.Add(i);
        }

        var selectedIds = selected.Select(i => columns.Ids[eligible[i]]).ToArray();
        var households = (await readHouseholds(selectedIds, cancellationToken)).ToDictionary(h => h.Id);
        var stored = (await readScores(selectedIds, cancellationToken)).ToDictionary(s => s.HouseholdId);
        var list = new List<TargetedHousehold>(selected.Count);
        foreach (var i in selected)
        {
            var h = eligible[i];
            var id = columns.Ids[h];
            if (!households.TryGetValue(id, out var household) || !stored.TryGetValue(id, out var score))
                throw new InvalidOperationException($"household {id} of the snapshot is no longer in the store");
            list.Add(new TargetedHousehold(list.Count + 1, household, score, groups[groupOfAreaIndex[area[h]]]));
        }
        var quotaRows = groups.Select((g, i) => new AreaQuota(g, perGroup[i], priorityCount[i], quotas[i])).ToList();
        var selectedHouseholds = selected.Select(i => eligible[i]).ToArray();
        var coverage = CoverageSummary.FromCounts(CoverageCounts(columns, selectedHouseholds, selectedHouseholds.Length, _ => true), priorityCoverage);
        var coverageRate = eligibleCount == 0 ? 0 : (double)list.Count / eligibleCount;
        var errors = await ErrorsAsync(columns, eligible, eligibleCount, selected, request.PoorShare ?? coverageRate, readHouseholds, cancellationToken);
        return (new TargetList(list, quotaRows, inScope, eligibleCount, excluded, coverage, errors), 0, false);
    }

    /// <summary><see cref="CoverageSummary.Count"/> of the first <paramref name="count"/> of <paramref name="households"/> that <paramref name="take"/> keeps.</summary>
    private static (int Total, Dictionary<string, int> Counts) CoverageCounts(TargetingColumns columns, int[] households, int count, Func<int, bool> take)
    {
        var statusKeys = Codes.MigratoryStatus.Entries.Select(e => "member_status:" + e.Code).ToArray();
        var sexKeys = Codes.Sex.Entries.Select(e => "head_sex:" + e.Code).ToArray();
        var statuses = new int[TargetingColumns.MaxStatusCode + 1];
        var heads = new int[TargetingColumns.MaxHeadSexCode + 1];
        var total = 0;
        for (var k = 0; k < count; k++)
        {
            if (!take(k))
                continue;
            var h = households[k];
            total++;
            for (int bits = columns.Statuses[h], code = 1; bits != 0; bits >>= 1, code++)
            {
                if ((bits & 1) != 0)
                    statuses[code]++;
            }
            heads[columns.HeadSex(h)]++;
        }
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var code = 1; code < statuses.Length; code++)
        {
            if (statuses[code] > 0)
                Add(counts, statusKeys[code - 1], statuses[code]);
        }
        if (heads[0] > 0)
            Add(counts, "head_sex:no_head", heads[0]);
        for (var code = 1; code < heads.Length; code++)
        {
            if (heads[code] > 0)
                Add(counts, sexKeys[code - 1], heads[code]);
        }
        return (total, counts);
    }

    /// <summary>
    /// <see cref="TargetingErrors.Measure"/> from the welfare column: the poor line is found by a radix selection over
    /// the eligible households' values (four counting passes, no sorted copy), ties at the line broken by submission
    /// id, read only for the tied households when the line splits them.
    /// </summary>
    private static async Task<TargetingErrors?> ErrorsAsync(
        TargetingColumns columns, int[] eligible, int eligibleCount, List<int> selected, double poorShare,
        Func<IReadOnlyList<long>, CancellationToken, Task<IReadOnlyList<ListedHousehold>>> readHouseholds, CancellationToken cancellationToken)
    {
        var welfare = columns.Welfare;
        // Which households are eligible, one bit each: the counting passes then read the welfare column in order.
        var isEligible = new ulong[(columns.HouseholdCount + 63) / 64];
        var withRef = 0;
        for (var i = 0; i < eligibleCount; i++)
        {
            var h = eligible[i];
            if (!double.IsFinite(welfare[h]))
                continue;
            isEligible[h >> 6] |= 1UL << h;
            withRef++;
        }
        if (withRef == 0)
            return null;
        var poorCount = (int)Math.Round(Math.Clamp(poorShare, 0, 1) * withRef, MidpointRounding.AwayFromZero);
        var below = 0;
        var line = double.NaN;
        int[] poorTied = [];
        if (poorCount > 0)
        {
            line = KthSmallest(welfare, isEligible, poorCount);
            var onLine = new List<int>();
            for (var i = 0; i < eligibleCount; i++)
            {
                var w = welfare[eligible[i]];
                if (!double.IsFinite(w))
                    continue;
                var c = w.CompareTo(line);
                if (c < 0)
                    below++;
                else if (c == 0)
                    onLine.Add(i);
            }
            var tied = onLine.ToArray();
            var need = poorCount - below;
            if (need < tied.Length)
            {
                // The line splits a tie: the lower submission ids are poor, as in TargetingErrors.Measure.
                var keys = (await readHouseholds([.. tied.Select(i => columns.Ids[eligible[i]])], cancellationToken))
                    .ToDictionary(h => h.Id, h => h.SubmissionId);
                tied = [.. tied.OrderBy(i => keys[columns.Ids[eligible[i]]], StringComparer.Ordinal)];
            }
            poorTied = tied[..need];
            Array.Sort(poorTied);
        }
        int targeted = 0, included = 0, excludedPoor = 0;
        for (int i = 0, s = 0, t = 0; i < eligibleCount; i++)
        {
            var isSelected = s < selected.Count && selected[s] == i;
            if (isSelected)
                s++;
            var w = welfare[eligible[i]];
            if (!double.IsFinite(w))
                continue;
            var poor = false;
            if (poorCount > 0)
            {
                var c = w.CompareTo(line);
                if (c < 0)
                    poor = true;
                else if (c == 0 && t < poorTied.Length && poorTied[t] == i)
                {
                    poor = true;
                    t++;
                }
            }
            if (isSelected)
            {
                targeted++;
                if (!poor)
                    included++;
            }
            else if (poor)
            {
                excludedPoor++;
            }
        }
        return new TargetingErrors(withRef, poorShare, poorCount, targeted,
            targeted == 0 ? 0 : (double)included / targeted, poorCount == 0 ? 0 : (double)excludedPoor / poorCount);
    }

    /// <summary>
    /// The <paramref name="k"/>-th smallest (1-based) of the finite values marked in <paramref name="marked"/>, as
    /// a sort of the values would order them: sixteen bits of an order-preserving key at a time.
    /// </summary>
    internal static double KthSmallest(WelfareColumn values, ulong[] marked, int k)
    {
        var histogram = new int[1 << 16];
        ulong prefix = 0, mask = 0;
        for (var shift = 48; shift >= 0; shift -= 16)
        {
            Array.Clear(histogram);
            for (var word = 0; word < marked.Length; word++)
            {
                for (var bits = marked[word]; bits != 0; bits &= bits - 1)
                {
                    var key = Key(values[(word << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits)]);
                    if ((key & mask) == prefix)
                        histogram[(int)((key >> shift) & 0xffff)]++;
                }
            }
            var digit = 0;
            while (k > histogram[digit])
                k -= histogram[digit++];
            prefix |= (ulong)digit << shift;
            mask |= 0xffffUL << shift;
        }
        const ulong sign = 1UL << 63;
        var bitsOf = (prefix & sign) != 0 ? prefix ^ sign : ~prefix;
        return BitConverter.Int64BitsToDouble((long)bitsOf);
    }

    /// <summary>An unsigned key in the order of the finite doubles (−0 as 0, as comparison treats them).</summary>
    private static ulong Key(double value)
    {
        var bits = (ulong)BitConverter.DoubleToInt64Bits(value == 0 ? 0.0 : value);
        return (bits & (1UL << 63)) != 0 ? ~bits : bits | (1UL << 63);
    }
}
