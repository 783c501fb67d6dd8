using Mosaic.Core.Storage;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// The snapshot of a whole store: from its persisted image when it keeps one (<see cref="PersistedSnapshots"/>),
/// else built by its fast columnar path when it has one, else from its households.
/// </summary>
public static class RegistrySnapshotLoader
{
    /// <summary>Loads the snapshot of the whole registry of a store, by the fastest path the store offers.</summary>
    public static RegistrySnapshot Load(IMosaicStore store)
    {
        var areas = store.Areas.All();
        if (store.Registry is IPersistedSnapshotSource persisted)
            return PersistedSnapshots.Load(persisted, areas).Snapshot;
        var expected = (int)Math.Min(store.Registry.CountHouseholds(), int.MaxValue / 8);
        if (store.Registry is IRegistrySnapshotSource source)
        {
            var builder = new RegistrySnapshotBuilder(areas, source.OptionalHouseholdNumbers(), expected);
            source.Scan(builder);
            return builder.Build();
        }
        var fallback = new RegistrySnapshotBuilder(areas, null, expected);
        foreach (var h in store.Registry.ReadHouseholds())
            fallback.Add(h);
        return fallback.Build();
    }
}
