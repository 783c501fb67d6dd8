using Mosaic.Core.Indicators;
using Mosaic.Core.Registry;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests.Tabulation;

/// <summary>A cached snapshot is reused while the registry is unchanged and rebuilt after an import by anyone.</summary>
public sealed class SnapshotCacheTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _path;

    public SnapshotCacheTests() => _path = _dir.File("registry.db");

    public void Dispose() => _dir.Dispose();

    private static long Households(RegistrySnapshot snapshot) =>
        new Tabulator(snapshot, IndicatorCatalogue.Shipped).Tabulate(new TabulationRequest("households", ["adm4"]) { MinimumCellSize = 1 }).TotalContributors;

    [Fact]
    public void Get_AfterAnotherProcessImportsMoreHouseholds_RebuildsAndTheTableChanges()
    {
        using var server = SqliteMosaicStore.Open(_path);
        server.Areas.Upsert(RandomRegistry.Areas);
        RandomRegistry.Import(server, 100, seed: 1);
        var cache = new RegistrySnapshotCache();

        var first = cache.Get(server);
        Assert.Equal(100, Households(first));
        Assert.Same(first, cache.Get(server));
        Assert.False(cache.IsStale(server));
        Assert.Equal(1, cache.Builds);

        // A second connection stands for `mosaic import registrations` run while the server keeps its cache.
        using (var importer = SqliteMosaicStore.Open(_path))
            RandomRegistry.Import(importer, 40, seed: 2);

        Assert.True(cache.IsStale(server));
        var second = cache.Get(server);
        Assert.NotSame(first, second);
        Assert.Equal(140, Households(second));
        Assert.Equal(2, cache.Builds);
        Assert.Same(second, cache.Get(server));
    }

    [Fact]
    public void Get_AfterARolledBackImport_KeepsTheCachedSnapshot()
    {
        using var store = SqliteMosaicStore.Open(_path);
        store.Areas.Upsert(RandomRegistry.Areas);
        RandomRegistry.Import(store, 20, seed: 1);
        var cache = new RegistrySnapshotCache();
        var first = cache.Get(store);
        using (var batch = store.Registry.BeginImport("abandoned"))
        {
            foreach (var h in RandomRegistry.Households(5, seed: 3))
                batch.Add(h, HouseholdFingerprint.Compute(h));
        }
        Assert.Same(first, cache.Get(store));
        Assert.Equal(1, cache.Builds);
    }
}
