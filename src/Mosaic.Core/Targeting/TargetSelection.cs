using Mosaic.Core.Application;
using Mosaic.Core.Areas;
using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;
using Mosaic.Core.Vulnerability;

namespace Mosaic.Core.Targeting;

/// <summary>
/// The selection step shared by the target use cases: from columns (<see cref="ColumnTargeter"/>) when the store
/// keeps a persisted snapshot and reads scores as columns and households by id, else from every household and
/// stored score (<see cref="Targeter"/>). Both give the same list.
/// </summary>
internal static class TargetSelection
{
    /// <param name="store">The store.</param>
    /// <param name="tree">Its area tree.</param>
    /// <param name="areas">The same tree as ancestry chains.</param>
    /// <param name="request">The targeting request.</param>
    /// <param name="candidateScope">The households considered: this area's subtree (null = all).</param>
    /// <param name="scoreAgain">What to tell the user when households have no score yet.</param>
    /// <param name="cancellationToken">Passed to every read.</param>
    public static async Task<TargetList> SelectAsync(
        IMosaicStore store, IReadOnlyList<Area> tree, AreaAncestry areas, TargetingRequest request, string? candidateScope, string scoreAgain,
        CancellationToken cancellationToken)
    {
        if (store.Registry is IPersistedSnapshotSource persisted && store.Registry is IHouseholdsByIdSource byId &&
            store.Scores is IScoreColumnsSource columns)
        {
            // A few bytes a household from the image (still checked whole), the stored ranks streamed past them.
            var (compact, whole) = await PersistedSnapshots.LoadTargetingAsync(persisted, tree, cancellationToken);
            if (compact is not null)
            {
                var (fromColumns, notScored, unplaced) = await ColumnTargeter.SelectAsync(
                    compact, columns, areas, request, candidateScope, byId.ReadListedHouseholdsAsync, columns.ReadScoresAsync, cancellationToken);
                if (!unplaced)
                    return fromColumns ?? throw Unscored(notScored, scoreAgain);
            }
            // Codes the compact columns cannot hold, or stored ranks that are not distinct: through the snapshot.
            var snapshot = whole ?? (await PersistedSnapshots.LoadAsync(persisted, tree, scoring: false, SnapshotProjection.Targeting, cancellationToken)).Snapshot;
            var (list, unscored) = await ColumnTargeter.SelectAsync(
                snapshot, await columns.ReadRanksAsync(cancellationToken), areas, request, candidateScope, byId.ReadListedHouseholdsAsync, columns.ReadScoresAsync,
                cancellationToken);
            return list ?? throw Unscored(unscored, scoreAgain);
        }
        var scores = (await store.Scores.ReadScoresAsync(cancellationToken)).ToDictionary(s => s.HouseholdId);
        var candidates = new List<TargetCandidate>();
        var missing = 0;
        await foreach (var h in store.Registry.ReadHouseholdsAsync(candidateScope, cancellationToken: cancellationToken))
        {
            if (scores.TryGetValue(h.Id, out var s))
                candidates.Add(new TargetCandidate(h, s));
            else
                missing++;
        }
        if (missing > 0)
            throw Unscored(missing, scoreAgain);
        return Targeter.Select(candidates, areas, request);
    }

    private static RequestRejectedException Unscored(int count, string scoreAgain) =>
        new($"{count} household(s) were registered after the last scoring run: {scoreAgain}");
}
