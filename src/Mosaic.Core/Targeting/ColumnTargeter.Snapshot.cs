using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;
using Mosaic.Core.Vulnerability;

namespace Mosaic.Core.Targeting;

// The selection from a whole registry snapshot and the stored ranks held whole: the fallback when the registry holds
// codes TargetingColumns cannot, or the stored ranks are not distinct (they are then sorted).
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
        var (chains, considered) = Scope(snapshot.Areas, areas, request, candidateScope);
        // Households in scope in stored rank order, as two flat columns (snapshot index, class): a few bytes per
        // household, no tuple list and no comparison sort (see InRankOrder).
        var (ranked, rankedClass, unscored) = InRankOrder(snapshot, ranks, considered);
        if (unscored > 0)
            return (null, unscored);
        return (await SelectRankedAsync(new SnapshotHouseholds(snapshot), chains, request, ranked, rankedClass, ranked.Length,
            readHouseholds, readScores, cancellationToken), 0);
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

    /// <summary>The household columns of a registry snapshot.</summary>
    private readonly struct SnapshotHouseholds(RegistrySnapshot snapshot) : IHouseholdColumns
    {
        public int HouseholdCount => snapshot.HouseholdCount;

        public WelfareColumn Welfare { get; } = WelfareColumn.Over(snapshot.ReferenceWelfare);

        public int Area(int household) => snapshot.Area[household];

        public bool Assisted(int household) =>
            RegistrySnapshot.Tri(snapshot.HouseholdFlags[household], RegistrySnapshot.AssistanceShift) == 2;

        public long Id(int household) => snapshot.HouseholdId[household];

        public void Count(int household, int[] statuses, int[] heads)
        {
            var seen = 0UL;
            for (var p = snapshot.PersonStart[household]; p < snapshot.PersonStart[household + 1]; p++)
            {
                var code = snapshot.MigratoryStatus[p];
                if (code == 0 || (seen & (1UL << code)) != 0)
                    continue;
                seen |= 1UL << code;
                statuses[code]++;
            }
            heads[snapshot.HeadSex[household]]++;
        }
    }
}
