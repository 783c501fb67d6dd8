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
internal static partial class ColumnTargeter
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

        // Households in scope in stored rank order, as two flat columns (snapshot index, class): a few bytes per
        // household, no tuple list and no comparison sort (see InRankOrder).
        var ids = snapshot.HouseholdId;
        var (ranked, rankedClass, unscored) = InRankOrder(snapshot, ranks, considered);
        if (unscored > 0)
            return (null, unscored);
        var inScope = ranked.Length;

        var excluded = new Dictionary<string, int>(StringComparer.Ordinal);
        int[] eligible;
        byte[] eligibleClass;
        if (!request.ExcludeAssisted)
        {
            (eligible, eligibleClass) = (ranked, rankedClass);
        }
        else
        {
            var kept = 0;
            for (var k = 0; k < inScope; k++)
            {
                if (RegistrySnapshot.Tri(snapshot.HouseholdFlags[ranked[k]], RegistrySnapshot.AssistanceShift) != 2)
                    kept++;
            }
            (eligible, eligibleClass) = (new int[kept], new byte[kept]);
            var e = 0;
            for (var k = 0; k < inScope; k++)
            {
                if (RegistrySnapshot.Tri(snapshot.HouseholdFlags[ranked[k]], RegistrySnapshot.AssistanceShift) == 2)
                {
                    excluded[Targeter.AlreadyAssisted] = excluded.GetValueOrDefault(Targeter.AlreadyAssisted) + 1;
                    continue;
                }
                (eligible[e], eligibleClass[e]) = (ranked[k], rankedClass[k]);
                e++;
            }
        }

        var groupOfArea = QuotaAreas(snapshot, eligible, chains, scope, request.Quota);
        // Every area with an eligible household has its group (and only those): the groups are theirs, in order.
        var groups = groupOfArea.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var groupIndex = groups.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i, StringComparer.Ordinal);
        var groupOfAreaIndex = groupOfArea.Select(g => g is null ? -1 : groupIndex.GetValueOrDefault(g, -1)).ToArray();
        var eligibleCount = new int[groups.Count];
        var priorityCount = new int[groups.Count];
        for (var i = 0; i < eligible.Length; i++)
        {
            var g = groupOfAreaIndex[snapshot.Area[eligible[i]]];
            eligibleCount[g]++;
            if (((VulnerabilityClass)eligibleClass[i]).IsPriority())
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
        var isSelected = new bool[eligible.Length];
        for (var i = 0; i < eligible.Length; i++)
        {
            var g = groupOfAreaIndex[snapshot.Area[eligible[i]]];
            if (taken[g] >= quotas[g])
                continue;
            taken[g]++;
            isSelected[i] = true;
            selected.Add(i);
        }

        var selectedIds = selected.Select(i => ids[eligible[i]]).ToArray();
        var households = (await readHouseholds(selectedIds, cancellationToken)).ToDictionary(h => h.Id);
        var scores = (await readScores(selectedIds, cancellationToken)).ToDictionary(s => s.HouseholdId);
        var list = new List<TargetedHousehold>(selected.Count);
        foreach (var i in selected)
        {
            var h = eligible[i];
            var id = ids[h];
            if (!households.TryGetValue(id, out var household) || !scores.TryGetValue(id, out var score))
                throw new InvalidOperationException($"household {id} of the snapshot is no longer in the store");
            list.Add(new TargetedHousehold(list.Count + 1, household, score, groups[groupOfAreaIndex[snapshot.Area[h]]]));
        }
        var quotaRows = groups.Select((g, i) => new AreaQuota(g, eligibleCount[i], priorityCount[i], quotas[i])).ToList();
        var coverage = CoverageSummary.FromCounts(
            CoverageCounts(snapshot, selected.Select(i => eligible[i])),
            CoverageCounts(snapshot, Enumerable.Range(0, inScope).Where(k => ((VulnerabilityClass)rankedClass[k]).IsPriority()).Select(k => ranked[k])));
        var coverageRate = eligible.Length == 0 ? 0 : (double)list.Count / eligible.Length;
        var errors = await ErrorsAsync(snapshot, eligible, isSelected, request.PoorShare ?? coverageRate, readHouseholds,
            cancellationToken);
        return (new TargetList(list, quotaRows, inScope, eligible.Length, excluded, coverage, errors), 0);
    }

    /// <summary>
    /// The considered households (snapshot index and stored class) in stored rank order, or the number of them without
    /// a stored score. Both id columns ascend, so they are merged; each household is then placed at its rank (a run's
    /// ranks are 1 … its household count, each once): linear, no sort. Ranks out of that range or repeated fall back
    /// to a sort on the rank (the order the selection always used).
    /// </summary>
    private static (int[] Households, byte[] Classes, int Unscored) InRankOrder(RegistrySnapshot snapshot, ScoreRanks ranks, bool[] considered)
    {
        var ids = snapshot.HouseholdId;
        var scored = ranks.HouseholdIds.Length;
        var at = new int[scored]; // rank - 1 → snapshot index + 1 (0: none)
        var classAt = new byte[scored];
        var count = 0;
        var unscored = 0;
        var placed = true;
        var j = 0;
        for (var h = 0; h < snapshot.HouseholdCount; h++)
        {
            if (!considered[snapshot.Area[h]])
                continue;
            while (j < scored && ranks.HouseholdIds[j] < ids[h])
                j++;
            if (j < scored && ranks.HouseholdIds[j] == ids[h])
            {
                var r = ranks.Ranks[j] - 1;
                if ((uint)r < (uint)scored && at[r] == 0)
                    (at[r], classAt[r]) = (h + 1, (byte)ranks.Classes[j]);
                else
                    placed = false;
                count++;
            }
            else
            {
                unscored++;
            }
        }
        if (unscored > 0)
            return ([], [], unscored);
        var households = new int[count];
        var classes = new byte[count];
        if (placed)
        {
            var k = 0;
            for (var r = 0; r < scored; r++)
            {
                if (at[r] != 0)
                    (households[k], classes[k++]) = (at[r] - 1, classAt[r]);
            }
            return (households, classes, 0);
        }
        // A sort on the rank alone: its swaps depend on the keys only, so equal ranks end as they always did.
        var keys = new int[count];
        var order = new int[count];
        var inOrder = new (int Household, byte Class)[count];
        j = 0;
        for (int h = 0, k = 0; h < snapshot.HouseholdCount; h++)
        {
            if (!considered[snapshot.Area[h]])
                continue;
            while (ranks.HouseholdIds[j] < ids[h])
                j++;
            (keys[k], order[k], inOrder[k]) = (ranks.Ranks[j], k, (h, (byte)ranks.Classes[j]));
            k++;
        }
        Array.Sort(keys, order);
        for (var k = 0; k < count; k++)
            (households[k], classes[k]) = inOrder[order[k]];
        return (households, classes, 0);
    }

    /// <summary>The quota group of each snapshot area (null for areas without an eligible household), as <see cref="Targeter"/> groups them.</summary>
    private static string?[] QuotaAreas(RegistrySnapshot snapshot, int[] eligible, string[][] chains, string? scope, QuotaMode mode)
    {
        var present = new bool[chains.Length];
        foreach (var h in eligible)
            present[snapshot.Area[h]] = true;
        return QuotaAreas(present, eligible.Length == 0 ? -1 : snapshot.Area[eligible[0]], chains, scope, mode);
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
    /// <see cref="CoverageSummary.Count"/> of these households from the member status and head's sex columns (the listed
    /// households and the high/extreme ones: no member is read from the store).
    /// </summary>
    private static (int Total, Dictionary<string, int> Counts) CoverageCounts(RegistrySnapshot snapshot, IEnumerable<int> households)
    {
        var statusKeys = Codes.MigratoryStatus.Entries.Select(e => "member_status:" + e.Code).ToArray();
        var sexKeys = Codes.Sex.Entries.Select(e => "head_sex:" + e.Code).ToArray();
        // Counted by code (256 slots: any byte), named at the end.
        var statuses = new int[256];
        var heads = new int[256];
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
                statuses[code]++;
            }
            heads[snapshot.HeadSex[h]]++;
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

    /// <summary>
    /// <see cref="TargetingErrors.Measure"/> on the welfare column: the poor are the lowest welfare, ties broken by
    /// submission id, which is read only for the tied households at the poor line.
    /// </summary>
    private static async Task<TargetingErrors?> ErrorsAsync(
        RegistrySnapshot snapshot, int[] eligible, bool[] selected, double poorShare,
        Func<IReadOnlyList<long>, CancellationToken, Task<IReadOnlyList<ListedHousehold>>> readHouseholds, CancellationToken cancellationToken)
    {
        // Every eligible household with a reference welfare, its value read from the snapshot each time it is needed:
        // one sorted copy of the values gives the poor line (no index array moved with it).
        var welfareOf = snapshot.ReferenceWelfare;
        var withRef = 0;
        for (var i = 0; i < eligible.Length; i++)
        {
            if (double.IsFinite(welfareOf[eligible[i]]))
                withRef++;
        }
        if (withRef == 0)
            return null;
        var poorCount = (int)Math.Round(Math.Clamp(poorShare, 0, 1) * withRef, MidpointRounding.AwayFromZero);
        var poor = new bool[eligible.Length];
        if (poorCount > 0)
        {
            var sorted = new double[withRef];
            for (int i = 0, k = 0; i < eligible.Length; i++)
            {
                if (double.IsFinite(welfareOf[eligible[i]]))
                    sorted[k++] = welfareOf[eligible[i]];
            }
            Array.Sort(sorted);
            var line = sorted[poorCount - 1];
            var below = 0;
            while (below < sorted.Length && sorted[below].CompareTo(line) < 0)
                below++;
            // The households below the line are poor; those on it (in eligible order) share what is left.
            var onLine = new List<int>();
            for (var i = 0; i < eligible.Length; i++)
            {
                var w = welfareOf[eligible[i]];
                if (!double.IsFinite(w))
                    continue;
                var c = w.CompareTo(line);
                if (c < 0)
                    poor[i] = true;
                else if (c == 0)
                    onLine.Add(i);
            }
            var tied = onLine.ToArray();
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
        for (var i = 0; i < eligible.Length; i++)
        {
            if (!double.IsFinite(welfareOf[eligible[i]]))
                continue;
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
        return new TargetingErrors(withRef, poorShare, poorCount, targeted,
            targeted == 0 ? 0 : (double)included / targeted, poorCount == 0 ? 0 : (double)excludedPoor / poorCount);
    }
}
