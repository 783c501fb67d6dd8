using Mosaic.Core.Storage;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// The snapshot of a whole store: from its persisted image when it keeps one (<see cref="PersistedSnapshots"/>),
/// else built by its fast columnar path when it has one, else from its households.
/// </summary>
public static class RegistrySnapshotLoader
{
    /// <summary>
    /// Runs <paramref name="use"/> on the snapshot of every household of the store: where the store keeps a current
    /// image that can be read at offsets, on a snapshot that reads only the columns <paramref name="use"/> touches (a
    /// four-dimension table of ten million persons reads 5 of 22 columns); otherwise, or when a column read so turns
    /// out altered or replaced, on the snapshot <see cref="LoadAsync"/> returns (which rebuilds a damaged image).
    /// <paramref name="use"/> may therefore run twice: it must only compute from the snapshot.
    /// </summary>
    /// <param name="store">The unit of work; open until <paramref name="use"/> returns.</param>
    /// <param name="use">What to compute from the snapshot (not keeping it: its columns are read while the store is open).</param>
    /// <param name="cancellationToken">Passed to the store's reads.</param>
    public static async Task<T> UseAsync<T>(IMosaicStore store, Func<RegistrySnapshot, T> use, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(use);
        if (store.Registry is IPersistedSnapshotSource persisted and IRandomAccessImageSource ranged)
        {
            var areas = await store.Areas.AllAsync(cancellationToken: cancellationToken);
            using var deferred = await PersistedSnapshots.OpenDeferredAsync(persisted, ranged, areas, cancellationToken);
            if (deferred is not null)
            {
                try
                {
                    return use(deferred.Snapshot);
                }
                catch (Exception ex) when (IsDamage(ex))
                {
                    // Read again whole below: the whole image's checksum fails too, and it is rebuilt from the rows.
                }
            }
        }
        return use(await LoadAsync(store, cancellationToken));
    }

    private static bool IsDamage(Exception ex) =>
        ex is SnapshotDamagedException || (ex is AggregateException a && a.Flatten().InnerExceptions.All(e => e is SnapshotDamagedException));

    /// <summary>The snapshot of every household of the store.</summary>
    /// <param name="store">The unit of work.</param>
    /// <param name="cancellationToken">Passed to the store's reads.</param>
    public static async Task<RegistrySnapshot> LoadAsync(IMosaicStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var areas = await store.Areas.AllAsync(cancellationToken: cancellationToken);
        if (store.Registry is IPersistedSnapshotSource persisted)
            return (await PersistedSnapshots.LoadAsync(persisted, areas, cancellationToken: cancellationToken)).Snapshot;
        var expected = (int)Math.Min(await store.Registry.CountHouseholdsAsync(cancellationToken: cancellationToken), int.MaxValue / 8);
        if (store.Registry is IRegistrySnapshotSource source)
        {
            var builder = new RegistrySnapshotBuilder(areas, await source.OptionalHouseholdNumbersAsync(cancellationToken), expected);
            await source.ScanAsync(builder, cancellationToken);
            return builder.Build();
        }
        var fallback = new RegistrySnapshotBuilder(areas, null, expected);
        await foreach (var h in store.Registry.ReadHouseholdsAsync(cancellationToken: cancellationToken))
            fallback.Add(h);
        return fallback.Build();
    }
}
