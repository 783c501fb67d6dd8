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

    [Fact]
    public async Task Get_WhileAnotherRequestRebuilds_AnswersFromThePreviousSnapshotWithoutWaiting()
    {
        using (var setup = SqliteMosaicStore.Open(_path))
        {
            setup.Areas.Upsert(RandomRegistry.Areas);
            RandomRegistry.Import(setup, 30, seed: 1);
        }
        using var rebuildStarted = new ManualResetEventSlim();
        using var releaseRebuild = new ManualResetEventSlim();
        var loads = 0;
        var cache = new RegistrySnapshotCache(store =>
        {
            if (Interlocked.Increment(ref loads) == 2)
            {
                rebuildStarted.Set();
                releaseRebuild.Wait(TestContext.Current.CancellationToken);
            }
            return RegistrySnapshotLoader.Load(store);
        });
        RegistrySnapshot first;
        using (var request = SqliteMosaicStore.Open(_path))
            first = cache.Get(request);
        using (var importer = SqliteMosaicStore.Open(_path))
            RandomRegistry.Import(importer, 12, seed: 2);

        // The first request after the import rebuilds (held at the gate); a second request meanwhile gets the previous
        // table at once instead of queueing behind the rebuild.
        var rebuilding = Task.Run(() =>
        {
            using var request = SqliteMosaicStore.Open(_path);
            return cache.Get(request);
        }, TestContext.Current.CancellationToken);
        Assert.True(rebuildStarted.Wait(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken), "the rebuild never started");
        var meanwhile = Task.Run(() =>
        {
            using var request = SqliteMosaicStore.Open(_path);
            return cache.Get(request);
        }, TestContext.Current.CancellationToken);
        // A cache that made it queue would block until the rebuild is released: give it a minute, then release anyway.
        var answeredFirst = await Task.WhenAny(meanwhile, Task.Delay(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken)) == meanwhile;
        releaseRebuild.Set();
        Assert.True(answeredFirst, "a request during the rebuild waited for it");
        Assert.Same(first, await meanwhile);
        Assert.Equal(30, Households(first));

        var rebuilt = await rebuilding;
        Assert.Equal(42, Households(rebuilt));
        using (var after = SqliteMosaicStore.Open(_path))
            Assert.Same(rebuilt, cache.Get(after));
        Assert.Equal(2, cache.Builds);
    }
}
