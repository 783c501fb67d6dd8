using Mosaic.Core.Storage;

namespace Mosaic.Core.Tabulation;

/// <summary>Builds a snapshot of a whole store, by its fast columnar path when it has one.</summary>
public static class RegistrySnapshotLoader
{
    public static RegistrySnapshot Load(IMosaicStore store)
    {
        var areas = store.Areas.All();
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
