using Mosaic.Core.Indicators;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;

namespace Mosaic.Storage.Contract;

/// <summary>
/// Cancellation on the query surface beyond the capability stores, as every provider must honour it: the columnar
/// snapshot (<see cref="IRegistrySnapshotSource"/>, <see cref="IPersistedSnapshotSource"/>), the database's own count
/// (<see cref="ITabulationPushdown"/>) and the database object (<see cref="IMosaicDatabase"/>: schema version,
/// migrations, units of work). A cancelled call throws <see cref="OperationCanceledException"/> (never a
/// <see cref="StoreException"/>), writes nothing, and the next call answers in full. The optional interfaces are
/// checked where the provider has them. Expected counts come from the fixture households, never from the store.
/// </summary>
public abstract class SnapshotCancellationContractTests(IStoreProvider provider) : ContractTestBase(provider)
{
    private const int Households = 150;
    private const int Seed = 41;

    private readonly IStoreProvider _provider = provider;

    private static CancellationToken TestToken => TestContext.Current.CancellationToken;

    private static CancellationToken Cancelled() => new(canceled: true);

    private async Task<List<Household>> SeedAsync()
    {
        await Store.Areas.UpsertAsync(RandomRegistry.Areas, cancellationToken: TestToken);
        var households = RandomRegistry.Households(Households, Seed);
        await Store.Registry.ImportAsync("test", households, TestToken);
        return households;
    }

    private static RegistrySnapshotBuilder Builder() => new(RandomRegistry.Areas);

    [Fact]
    public async Task EverySnapshotAndPushdownRead_WithATokenCancelledBefore_ThrowsCancellation_AndTheNextLoadIsWhole()
    {
        var households = await SeedAsync();
        var reads = new List<(string Name, Func<CancellationToken, Task> Read)>
        {
            ("snapshot load", t => RegistrySnapshotLoader.LoadAsync(Store, t)),
        };
        if (Store.Registry is IRegistrySnapshotSource source)
        {
            reads.Add(("optional numbers", t => source.OptionalHouseholdNumbersAsync(t)));
            reads.Add(("scan", t => source.ScanAsync(Builder(), t)));
        }
        if (Store.Registry is IPersistedSnapshotSource persisted)
        {
            reads.Add(("coverage", t => persisted.CurrentCoverageAsync(t)));
            reads.Add(("image", t => persisted.OpenImageAsync(t)));
            reads.Add(("score section", t => persisted.ReadScoreSectionAsync(t)));
            reads.Add(("count through", t => persisted.CountHouseholdsThroughAsync(long.MaxValue, t)));
            reads.Add(("scan after", t => persisted.ScanAfterAsync(Builder(), 0, t)));
            reads.Add(("optional number columns", t => persisted.ReadOptionalNumbersAsync([], long.MaxValue, t)));
            reads.Add(("image save", t => persisted.SaveImageAsync([1, 2, 3], t)));
            reads.Add(("score section save", t => persisted.SaveScoreSectionAsync([1, 2, 3], t)));
        }
        if (Store.Registry is ITabulationPushdown pushdown)
        {
            reads.Add(("pushdown tabulation", t => PushdownTabulator.TryTabulateAsync(Store, IndicatorCatalogue.Shipped, new TabulationRequest("population", ["sex"]), t)));
            reads.Add(("pushdown count", t => pushdown.CountAsync(Query(), t)));
            reads.Add(("previous countries", t => pushdown.PreviousCountriesAsync(t)));
            reads.Add(("pushdown optional numbers", t => pushdown.OptionalHouseholdNumbersAsync(t)));
        }
        foreach (var (name, read) in reads)
        {
            var ex = await Record.ExceptionAsync(() => read(Cancelled()));
            Assert.True(ex is OperationCanceledException, $"{name}: {ex?.GetType().Name ?? "no exception"}");
        }

        // The same unit of work, right after: the whole registry, and no image was written by the cancelled saves.
        if (Store.Registry is IPersistedSnapshotSource stored)
        {
            using var image = await stored.OpenImageAsync(TestToken);
            Assert.Null(image);
            Assert.Null(await stored.ReadScoreSectionAsync(TestToken));
        }
        var snapshot = await RegistrySnapshotLoader.LoadAsync(Store, TestToken);
        Assert.Equal(households.Count, snapshot.HouseholdCount);
        Assert.Equal(households.Sum(h => h.Members.Count), snapshot.PersonCount);
        if (Store.Registry is ITabulationPushdown)
        {
            var table = await PushdownTabulator.TryTabulateAsync(Store, IndicatorCatalogue.Shipped,
                new TabulationRequest("population", ["sex"]) { MinimumCellSize = 1 }, TestToken);
            Assert.Equal(households.SelectMany(h => h.Members).Count(m => m.MigratoryStatus != MigratoryStatus.Emigrant), table!.GrandTotal.Value);
        }
    }

    [Fact]
    public async Task ACancelledImageSave_LeavesTheStoredImageAsItWas()
    {
        var households = await SeedAsync();
        if (Store.Registry is not IPersistedSnapshotSource persisted)
            return; // a provider without a persisted image has nothing to leave half-written
        await RegistrySnapshotLoader.LoadAsync(Store, TestToken);
        long length;
        using (var image = await persisted.OpenImageAsync(TestToken))
            length = image!.Length;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => persisted.SaveImageAsync(new byte[length + 100], Cancelled()));

        using (var image = await persisted.OpenImageAsync(TestToken))
            Assert.Equal(length, image!.Length);
        // The image is still the store's own: read as it is, every household is there.
        var snapshot = await RegistrySnapshotLoader.LoadAsync(Store, TestToken);
        Assert.Equal(households.Count, snapshot.HouseholdCount);
        Assert.Equal(households.Sum(h => h.Members.Count), snapshot.PersonCount);
    }

    [Fact]
    public async Task TheDatabase_WithATokenCancelledBefore_MigratesNothing_AndTheNextMigrationCompletes()
    {
        using var database = _provider.OpenUnmigrated();
        foreach (var (name, call) in new (string, Func<CancellationToken, Task>)[]
        {
            ("schema version", t => database.ReadSchemaVersionAsync(t)),
            ("migrate", t => database.MigrateAsync(t)),
            ("open a unit of work", t => database.OpenStoreAsync(t)),
        })
        {
            var ex = await Record.ExceptionAsync(() => call(Cancelled()));
            Assert.True(ex is OperationCanceledException, $"{name}: {ex?.GetType().Name ?? "no exception"}");
        }

        // Nothing was migrated: the schema is empty, and a unit of work is refused until the migration runs.
        Assert.Equal(0, await database.ReadSchemaVersionAsync(TestToken));
        Assert.Equal(StoreFailure.OutdatedSchema, (await Assert.ThrowsAsync<StoreException>(() => database.OpenStoreAsync(TestToken))).Failure);
        Assert.Equal(database.LatestSchemaVersion, await database.MigrateAsync(TestToken));
        using var store = await database.OpenStoreAsync(TestToken);
        await store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: TestToken);
        Assert.Equal(Fixtures.Areas.Count, await store.Areas.CountAsync(TestToken));
    }

    private static PushdownQuery Query() => new(IndicatorCatalogue.Shipped.Get("population"), [new PushdownDimension("sex", false)], null, AgeBands.Default);
}
