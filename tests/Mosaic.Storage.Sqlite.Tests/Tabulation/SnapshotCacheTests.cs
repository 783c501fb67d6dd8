using Mosaic.Core.Indicators;
using Mosaic.Core.Storage;
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
    public async Task Get_AfterAnotherProcessImportsMoreHouseholds_RebuildsAndTheTableChanges()
    {
        using var server = SqliteMosaicStore.Open(_path);
        await server.Areas.UpsertAsync(RandomRegistry.Areas, cancellationToken: TestContext.Current.CancellationToken);
        RandomRegistry.Import(server, 100, seed: 1);
        var cache = new RegistrySnapshotCache();

        var first = await cache.GetAsync(server, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(100, Households(first));
        Assert.Same(first, await cache.GetAsync(server, cancellationToken: TestContext.Current.CancellationToken));
        Assert.False(await cache.IsStaleAsync(server, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(1, cache.Builds);

        // A second connection stands for `mosaic import registrations` run while the server keeps its cache.
        using (var importer = SqliteMosaicStore.Open(_path))
            RandomRegistry.Import(importer, 40, seed: 2);

        Assert.True(await cache.IsStaleAsync(server, cancellationToken: TestContext.Current.CancellationToken));
        var second = await cache.GetAsync(server, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotSame(first, second);
        Assert.Equal(140, Households(second));
        Assert.Equal(2, cache.Builds);
        Assert.Same(second, await cache.GetAsync(server, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Get_AfterARolledBackImport_KeepsTheCachedSnapshot()
    {
        using var store = SqliteMosaicStore.Open(_path);
        await store.Areas.UpsertAsync(RandomRegistry.Areas, cancellationToken: TestContext.Current.CancellationToken);
        RandomRegistry.Import(store, 20, seed: 1);
        var cache = new RegistrySnapshotCache();
        var first = await cache.GetAsync(store, cancellationToken: TestContext.Current.CancellationToken);
        using (var batch = await store.Registry.BeginImportAsync("abandoned", TestContext.Current.CancellationToken))
            await batch.AddAllAsync(RandomRegistry.Households(5, seed: 3), TestContext.Current.CancellationToken);
        Assert.Same(first, await cache.GetAsync(store, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(1, cache.Builds);
    }
}
