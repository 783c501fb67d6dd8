using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Core.Vulnerability;

namespace Mosaic.Core.Targeting;

// The ranking over TargetingColumns and the stored ranks streamed in slices, then the shared selection: what stays in
// memory for a national registry is the compact columns (~14 bytes a household) and the households in scope in rank
// order (5 bytes each); the stored id and rank columns, the members and the welfare order are never held whole.
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
        var (chains, considered) = Scope(columns.Areas, areas, request, candidateScope);
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
        return (await SelectRankedAsync(new CompactHouseholds(columns), chains, request, ranked, rankedClass, inScope,
            readHouseholds, readScores, cancellationToken), 0, false);
    }

    /// <summary>The household columns of <see cref="TargetingColumns"/>.</summary>
    private readonly struct CompactHouseholds(TargetingColumns columns) : IHouseholdColumns
    {
        public int HouseholdCount => columns.HouseholdCount;

        public WelfareColumn Welfare => columns.Welfare;

        public int Area(int household) => columns.Area[household];

        public bool Assisted(int household) => columns.Assisted(household);

        public long Id(int household) => columns.Ids[household];

        public void Count(int household, int[] statuses, int[] heads)
        {
            for (int bits = columns.Statuses[household], code = 1; bits != 0; bits >>= 1, code++)
            {
                if ((bits & 1) != 0)
                    statuses[code]++;
            }
            heads[columns.HeadSex(household)]++;
        }
    }
}
