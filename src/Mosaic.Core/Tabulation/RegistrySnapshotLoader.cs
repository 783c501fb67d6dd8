using Mosaic.Core.Storage;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// The snapshot of a whole store: from its persisted image when it keeps one (<see cref="PersistedSnapshots"/>),
/// else built by its fast columnar path when it has one, else from its households.
/// </summary>
public static class RegistrySnapshotLoader
{
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
