using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;
using Mosaic.Core.Vulnerability;

namespace Mosaic.Core.Targeting;

/// <summary>
/// <see cref="Targeter.Select"/> over columns: the household columns (area, assistance, member statuses, head's sex,
/// reference welfare, household id) of a registry snapshot or of <see cref="TargetingColumns"/>, and the stored ranks,
/// so a national registry is ranked without one object per household. Only the listed fields of the households on the
/// list are then read (with their stored scores; coverage comes from the member columns), and the submission ids of a
/// tie in reference welfare only when the tie straddles the poor line. The list, quotas, coverage and errors are those
/// <see cref="Targeter.Select"/> gives for the same households. Both forms are ranked here (<see cref="InRankOrder"/>
/// and the compact streaming) and share one selection (<see cref="SelectRankedAsync"/>).
/// </summary>
internal static partial class ColumnTargeter
{
    /// <summary>Each area's ancestry, and whether its households are considered: within <paramref name="candidateScope"/> and the request's area.</summary>
    private static (string[][] Chains, bool[] Considered) Scope(SnapshotAreas snapshotAreas, AreaAncestry areas, TargetingRequest request, string? candidateScope)
    {
        var scope = request.AreaPcode;
        var pcodes = snapshotAreas.Pcodes;
        var chains = new string[pcodes.Count][];
        var considered = new bool[pcodes.Count];
        for (var a = 0; a < pcodes.Count; a++)
        {
            chains[a] = areas.Of(pcodes[a]);
            considered[a] = (candidateScope is null || Array.IndexOf(chains[a], candidateScope) >= 0) &&
                (scope is null || Array.IndexOf(chains[a], scope) >= 0);
        }
        return (chains, considered);
    }

    /// <summary>
    /// The selection from the first <paramref name="inScope"/> households of <paramref name="ranked"/> (household
    /// indices in stored rank order, with their stored classes): the assisted left out if asked, the quotas, the
    /// walk down the ranking within them, then the list, coverage and errors. The two arrays are reused in place.
    /// </summary>
    private static async Task<TargetList> SelectRankedAsync<THouseholds>(
        THouseholds households, string[][] chains, TargetingRequest request, int[] ranked, byte[] rankedClass, int inScope,
        Func<IReadOnlyList<long>, CancellationToken, Task<IReadOnlyList<ListedHousehold>>> readHouseholds,
        Func<IReadOnlyList<long>, CancellationToken, Task<IReadOnlyList<StoredScore>>> readScores, CancellationToken cancellationToken)
        where THouseholds : struct, IHouseholdColumns
    {
        var priorityCoverage = CoverageCounts(households, ranked, inScope, k => ((VulnerabilityClass)rankedClass[k]).IsPriority());

        var excluded = new Dictionary<string, int>(StringComparer.Ordinal);
        var eligible = ranked;
        var eligibleClass = rankedClass;
        var eligibleCount = inScope;
        if (request.ExcludeAssisted)
        {
            // In place: the eligible households keep their rank order.
            eligibleCount = 0;
            for (var k = 0; k < inScope; k++)
            {
                if (households.Assisted(ranked[k]))
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
            present[households.Area(eligible[i])] = true;
        var groupOfArea = QuotaAreas(present, eligibleCount == 0 ? -1 : households.Area(eligible[0]), chains, request.AreaPcode, request.Quota);
        // Every area with an eligible household has its group (and only those): the groups are theirs, in order.
        var groups = groupOfArea.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var groupIndex = groups.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i, StringComparer.Ordinal);
        var groupOfAreaIndex = groupOfArea.Select(g => g is null ? -1 : groupIndex.GetValueOrDefault(g, -1)).ToArray();
        var perGroup = new int[groups.Count];
        var priorityCount = new int[groups.Count];
        for (var i = 0; i < eligibleCount; i++)
        {
            var g = groupOfAreaIndex[households.Area(eligible[i])];
            perGroup[g]++;
            if (((VulnerabilityClass)eligibleClass[i]).IsPriority())
                priorityCount[g]++;
        }
        var quotas = QuotaAllocator.ForRequest(request, perGroup, priorityCount);

        var taken = new int[groups.Count];
        var selected = new List<int>(); // eligible positions, ascending
        for (var i = 0; i < eligibleCount; i++)
        {
            var g = groupOfAreaIndex[households.Area(eligible[i])];
            if (taken[g] >= quotas[g])
                continue;
            taken[g]++;
            selected.Add(i);
        }

        var selectedIds = selected.Select(i => households.Id(eligible[i])).ToArray();
        var listed = (await readHouseholds(selectedIds, cancellationToken)).ToDictionary(h => h.Id);
        var stored = (await readScores(selectedIds, cancellationToken)).ToDictionary(s => s.HouseholdId);
        var list = new List<TargetedHousehold>(selected.Count);
        foreach (var i in selected)
        {
            var h = eligible[i];
            var id = households.Id(h);
            if (!listed.TryGetValue(id, out var household) || !stored.TryGetValue(id, out var score))
                throw new InvalidOperationException($"household {id} of the snapshot is no longer in the store");
            list.Add(new TargetedHousehold(list.Count + 1, household, score, groups[groupOfAreaIndex[households.Area(h)]]));
        }
        var quotaRows = groups.Select((g, i) => new AreaQuota(g, perGroup[i], priorityCount[i], quotas[i])).ToList();
        var selectedHouseholds = selected.Select(i => eligible[i]).ToArray();
        var coverage = CoverageSummary.FromCounts(CoverageCounts(households, selectedHouseholds, selectedHouseholds.Length, _ => true), priorityCoverage);
        var coverageRate = eligibleCount == 0 ? 0 : (double)list.Count / eligibleCount;
        var errors = await ErrorsAsync(households, eligible, eligibleCount, selected, request.PoorShare ?? coverageRate, readHouseholds, cancellationToken);
        return new TargetList(list, quotaRows, inScope, eligibleCount, excluded, coverage, errors);
    }

    /// <param name="present">Whether each area has an eligible household.</param>
    /// <param name="firstArea">The area of the first eligible household in rank order (-1: none).</param>
    /// <param name="chains">Each area's ancestry.</param>
    /// <param name="scope">The request's area.</param>
    /// <param name="mode">The quota mode.</param>
    private static string?[] QuotaAreas(bool[] present, int firstArea, string[][] chains, string? scope, QuotaMode mode)
    {
        var result = new string?[chains.Length];
        if (mode == QuotaMode.None || firstArea < 0)
        {
            for (var a = 0; a < result.Length; a++)
                result[a] = present[a] ? "*" : null;
            return result;
        }
        var first = chains[firstArea];
        int depth;
        if (scope is not null)
        {
            depth = Array.IndexOf(first, scope) + 1;
        }
        else
        {
            depth = int.MaxValue;
            for (var a = 0; a < chains.Length; a++)
            {
                if (present[a])
                    depth = Math.Min(depth, chains[a].Length);
            }
            for (var a = 0; a < chains.Length; a++)
            {
                if (!present[a])
                    continue;
                var k = 0;
                while (k < depth && string.Equals(chains[a][k], first[k], StringComparison.Ordinal))
                    k++;
                depth = k;
            }
        }
        for (var a = 0; a < chains.Length; a++)
        {
            if (present[a])
                result[a] = chains[a][Math.Min(Math.Max(depth, 0), chains[a].Length - 1)];
        }
        return result;
    }

    /// <summary>
    /// <see cref="CoverageSummary.Count"/> of the first <paramref name="count"/> of <paramref name="households"/> that
    /// <paramref name="take"/> keeps, from the member status and head's sex columns (no member is read from the store).
    /// </summary>
    private static (int Total, Dictionary<string, int> Counts) CoverageCounts<THouseholds>(
        THouseholds columns, int[] households, int count, Func<int, bool> take)
        where THouseholds : struct, IHouseholdColumns
    {
        var statusKeys = Codes.MigratoryStatus.Entries.Select(e => "member_status:" + e.Code).ToArray();
        var sexKeys = Codes.Sex.Entries.Select(e => "head_sex:" + e.Code).ToArray();
        // Counted by code (256 slots: any byte), named at the end.
        var statuses = new int[256];
        var heads = new int[256];
        var total = 0;
        for (var k = 0; k < count; k++)
        {
            if (!take(k))
                continue;
            total++;
            columns.Count(households[k], statuses, heads);
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

    private static void Add(Dictionary<string, int> counts, string key, int n) => counts[key] = counts.GetValueOrDefault(key) + n;

    /// <summary>What the selection reads of a household, by its index in the snapshot or the compact columns.</summary>
    private interface IHouseholdColumns
    {
        /// <summary>Households in the columns.</summary>
        int HouseholdCount { get; }

        /// <summary>Reference welfare of each household (NaN = missing).</summary>
        WelfareColumn Welfare { get; }

        /// <summary>Index of the household's area in <see cref="SnapshotAreas.Pcodes"/>.</summary>
        int Area(int household);

        /// <summary>Whether the household answered that it already received assistance.</summary>
        bool Assisted(int household);

        /// <summary>The household's store id.</summary>
        long Id(int household);

        /// <summary>Adds the household to the coverage counts: each status among its members once (by code), its head's sex code.</summary>
        void Count(int household, int[] statuses, int[] heads);
    }
}
