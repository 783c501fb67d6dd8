using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;
using Mosaic.Core.Vulnerability;

namespace Mosaic.Core.Targeting;

/// <summary>
/// <see cref="Targeter.Select"/> over columns: the registry snapshot (area, assistance, member statuses, head's sex,
/// reference welfare, household id) and the stored ranks, so a national registry is ranked without one object per
/// household. Only the listed fields of the households on the list are then read (with their stored scores; coverage
/// comes from the member columns), and the submission ids of a tie in reference welfare only when the tie straddles
/// the poor line. The list, quotas, coverage and errors are those <see cref="Targeter.Select"/> gives for the same
/// households.
/// </summary>
internal static class ColumnTargeter
{
    /// <summary>Selects from the snapshot's households within <paramref name="candidateScope"/>.</summary>
    /// <param name="snapshot">The registry snapshot (with household ids: from a store that streams them).</param>
    /// <param name="ranks">The latest stored ranks.</param>
    /// <param name="areas">The area tree.</param>
    /// <param name="request">The targeting request (its area sets the quota groups, as in <see cref="Targeter.Select"/>).</param>
    /// <param name="candidateScope">The households considered: this area's subtree (null = all).</param>
    /// <param name="readHouseholds">Reads households by id.</param>
    /// <param name="readScores">Reads stored scores by household id.</param>
    /// <param name="cancellationToken">Passed to both reads.</param>
    /// <returns>The list, or null with the number of candidate households that have no stored score.</returns>
    public static async Task<(TargetList? List, int Unscored)> SelectAsync(
        RegistrySnapshot snapshot, ScoreRanks ranks, AreaAncestry areas, TargetingRequest request, string? candidateScope,
        Func<IReadOnlyList<long>, CancellationToken, Task<IReadOnlyList<ListedHousehold>>> readHouseholds,
        Func<IReadOnlyList<long>, CancellationToken, Task<IReadOnlyList<StoredScore>>> readScores, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(ranks);
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(request);
        var scope = request.AreaPcode;
        var pcodes = snapshot.Areas.Pcodes;
        var chains = new string[pcodes.Count][];
        var considered = new bool[pcodes.Count];
        for (var a = 0; a < pcodes.Count; a++)
        {
            chains[a] = areas.Of(pcodes[a]);
            considered[a] = (candidateScope is null || Array.IndexOf(chains[a], candidateScope) >= 0) &&
                (scope is null || Array.IndexOf(chains[a], scope) >= 0);
        }

        // Households in scope with their stored rank: both columns ascend by household id.
        var inScope = new List<(int Household, int Rank, VulnerabilityClass Class)>();
        var unscored = 0;
        var ids = snapshot.HouseholdId;
        var j = 0;
        for (var h = 0; h < snapshot.HouseholdCount; h++)
        {
            if (!considered[snapshot.Area[h]])
                continue;
            while (j < ranks.HouseholdIds.Length && ranks.HouseholdIds[j] < ids[h])
                j++;
            if (j < ranks.HouseholdIds.Length && ranks.HouseholdIds[j] == ids[h])
                inScope.Add((h, ranks.Ranks[j], ranks.Classes[j]));
            else
                unscored++;
        }
        if (unscored > 0)
            return (null, unscored);
        SortByRank(inScope);

        var excluded = new Dictionary<string, int>(StringComparer.Ordinal);
        var eligible = new List<(int Household, int Rank, VulnerabilityClass Class)>(inScope.Count);
        foreach (var c in inScope)
        {
            if (request.ExcludeAssisted && RegistrySnapshot.Tri(snapshot.HouseholdFlags[c.Household], RegistrySnapshot.AssistanceShift) == 2)
            {
                excluded[Targeter.AlreadyAssisted] = excluded.GetValueOrDefault(Targeter.AlreadyAssisted) + 1;
                continue;
            }
            eligible.Add(c);
        }

        var groupOfArea = QuotaAreas(snapshot, eligible, chains, scope, request.Quota);
        var groups = eligible.Select(c => groupOfArea[snapshot.Area[c.Household]]!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var groupIndex = groups.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i, StringComparer.Ordinal);
        var groupOfAreaIndex = groupOfArea.Select(g => g is null ? -1 : groupIndex.GetValueOrDefault(g, -1)).ToArray();
        var eligibleCount = new int[groups.Count];
        var priorityCount = new int[groups.Count];
        foreach (var c in eligible)
        {
            var g = groupOfAreaIndex[snapshot.Area[c.Household]];
            eligibleCount[g]++;
            if (c.Class.IsPriority())
                priorityCount[g]++;
        }
        var weights = request.Quota switch
        {
            QuotaMode.Proportional => priorityCount.Select(p => (double)p).ToArray(),
            _ => [.. groups.Select(_ => 1.0)],
        };
        var quotas = QuotaAllocator.Allocate(Math.Max(0, request.Requested), weights, eligibleCount, priorityCount);

        var taken = new int[groups.Count];
        var selected = new List<int>();
        var isSelected = new bool[eligible.Count];
        for (var i = 0; i < eligible.Count; i++)
        {
            var g = groupOfAreaIndex[snapshot.Area[eligible[i].Household]];
            if (taken[g] >= quotas[g])
                continue;
            taken[g]++;
            isSelected[i] = true;
            selected.Add(i);
        }

        var selectedIds = selected.Select(i => ids[eligible[i].Household]).ToArray();
        var households = (await readHouseholds(selectedIds, cancellationToken)).ToDictionary(h => h.Id);
        var scores = (await readScores(selectedIds, cancellationToken)).ToDictionary(s => s.HouseholdId);
        var list = new List<TargetedHousehold>(selected.Count);
        foreach (var i in selected)
        {
            var h = eligible[i].Household;
            var id = ids[h];
            if (!households.TryGetValue(id, out var household) || !scores.TryGetValue(id, out var score))
                throw new InvalidOperationException($"household {id} of the snapshot is no longer in the store");
            list.Add(new TargetedHousehold(list.Count + 1, household, score, groups[groupOfAreaIndex[snapshot.Area[h]]]));
        }
        var quotaRows = groups.Select((g, i) => new AreaQuota(g, eligibleCount[i], priorityCount[i], quotas[i])).ToList();
        var coverage = CoverageSummary.FromCounts(
            CoverageCounts(snapshot, selected.Select(i => eligible[i].Household)),
            CoverageCounts(snapshot, inScope.Where(c => c.Class.IsPriority()).Select(c => c.Household)));
        var coverageRate = eligible.Count == 0 ? 0 : (double)list.Count / eligible.Count;
        var errors = await ErrorsAsync(snapshot, eligible.Select(c => c.Household).ToArray(), isSelected, request.PoorShare ?? coverageRate, readHouseholds,
            cancellationToken);
        return (new TargetList(list, quotaRows, inScope.Count, eligible.Count, excluded, coverage, errors), 0);
    }

    /// <summary>Sorts by stored rank on the primitive keys (no comparison delegate for a million candidates).</summary>
    private static void SortByRank(List<(int Household, int Rank, VulnerabilityClass Class)> candidates)
    {
        var items = candidates.ToArray();
        var keys = new int[items.Length];
        for (var i = 0; i < items.Length; i++)
            keys[i] = items[i].Rank;
        Array.Sort(keys, items);
        candidates.Clear();
        candidates.AddRange(items);
    }

    /// <summary>The quota group of each snapshot area (null for areas without an eligible household), as <see cref="Targeter"/> groups them.</summary>
    private static string?[] QuotaAreas(
        RegistrySnapshot snapshot, List<(int Household, int Rank, VulnerabilityClass Class)> eligible, string[][] chains, string? scope, QuotaMode mode)
    {
        var result = new string?[chains.Length];
        var present = new bool[chains.Length];
        foreach (var c in eligible)
            present[snapshot.Area[c.Household]] = true;
        if (mode == QuotaMode.None || eligible.Count == 0)
        {
            for (var a = 0; a < result.Length; a++)
                result[a] = present[a] ? "*" : null;
            return result;
        }
        var first = chains[snapshot.Area[eligible[0].Household]];
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
    /// <see cref="CoverageSummary.Count"/> of these households from the member status and head's sex columns (the listed
    /// households and the high/extreme ones: no member is read from the store).
    /// </summary>
    private static (int Total, Dictionary<string, int> Counts) CoverageCounts(RegistrySnapshot snapshot, IEnumerable<int> households)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var statusKeys = Codes.MigratoryStatus.Entries.Select(e => "member_status:" + e.Code).ToArray();
        var sexKeys = Codes.Sex.Entries.Select(e => "head_sex:" + e.Code).ToArray();
        var total = 0;
        foreach (var h in households)
        {
            total++;
            var seen = 0UL;
            for (var p = snapshot.PersonStart[h]; p < snapshot.PersonStart[h + 1]; p++)
            {
                var code = snapshot.MigratoryStatus[p];
                if (code == 0 || (seen & (1UL << code)) != 0)
                    continue;
                seen |= 1UL << code;
                Increment(counts, statusKeys[code - 1]);
            }
            var head = snapshot.HeadSex[h];
            Increment(counts, head == 0 ? "head_sex:no_head" : sexKeys[head - 1]);
        }
        return (total, counts);
    }

    private static void Increment(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    /// <summary>
    /// <see cref="TargetingErrors.Measure"/> on the welfare column: the poor are the lowest welfare, ties broken by
    /// submission id, which is read only for the tied households at the poor line.
    /// </summary>
    private static async Task<TargetingErrors?> ErrorsAsync(
        RegistrySnapshot snapshot, int[] eligible, bool[] selected, double poorShare,
        Func<IReadOnlyList<long>, CancellationToken, Task<IReadOnlyList<ListedHousehold>>> readHouseholds, CancellationToken cancellationToken)
    {
        var withRef = new List<int>();
        for (var i = 0; i < eligible.Length; i++)
        {
            if (double.IsFinite(snapshot.ReferenceWelfare[eligible[i]]))
                withRef.Add(i);
        }
        if (withRef.Count == 0)
            return null;
        var order = withRef.ToArray();
        var welfare = order.Select(i => snapshot.ReferenceWelfare[eligible[i]]).ToArray();
        Array.Sort(welfare, order);
        var poorCount = (int)Math.Round(Math.Clamp(poorShare, 0, 1) * order.Length, MidpointRounding.AwayFromZero);
        var poor = new bool[eligible.Length];
        if (poorCount > 0)
        {
            var line = welfare[poorCount - 1];
            var below = 0;
            while (below < order.Length && welfare[below].CompareTo(line) < 0)
                below++;
            var end = below;
            while (end < order.Length && welfare[end].CompareTo(line) == 0)
                end++;
            for (var r = 0; r < below; r++)
                poor[order[r]] = true;
            var tied = order[below..end];
            var need = poorCount - below;
            if (need < tied.Length)
            {
                // The line splits a tie: the lower submission ids are poor, as in TargetingErrors.Measure.
                var keys = (await readHouseholds([.. tied.Select(i => snapshot.HouseholdId[eligible[i]])], cancellationToken))
                    .ToDictionary(h => h.Id, h => h.SubmissionId);
                tied = [.. tied.OrderBy(i => keys[snapshot.HouseholdId[eligible[i]]], StringComparer.Ordinal)];
            }
            for (var r = 0; r < need; r++)
                poor[tied[r]] = true;
        }
        int targeted = 0, included = 0, excludedPoor = 0;
        foreach (var i in order)
        {
            if (selected[i])
            {
                targeted++;
                if (!poor[i])
                    included++;
            }
            else if (poor[i])
            {
                excludedPoor++;
            }
        }
        return new TargetingErrors(order.Length, poorShare, poorCount, targeted,
            targeted == 0 ? 0 : (double)included / targeted, poorCount == 0 ? 0 : (double)excludedPoor / poorCount);
    }
}
