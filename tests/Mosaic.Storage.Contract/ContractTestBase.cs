using Mosaic.Core.Registry;
using Mosaic.Core.Storage;

namespace Mosaic.Storage.Contract;

/// <summary>
/// The store handle shared by the contract suites: a provider's test class passes a fresh, empty database per
/// test (<see cref="IStoreProvider"/>), and the suites run unchanged against SQLite and PostgreSQL.
/// </summary>
public abstract class ContractTestBase(IStoreProvider provider) : IDisposable
{
    private IMosaicStore? _store;

    /// <summary>Opens the test's database again, on a second handle (same data), to prove durability.</summary>
    protected IMosaicStore ReopenStore() => provider.Open();

    protected IMosaicStore Store => _store ??= provider.Open();

    /// <summary>Closes the store and opens it again: what follows reads only what was durably written.</summary>
    protected void Reopen()
    {
        _store?.Dispose();
        _store = ReopenStore();
    }

    protected async Task SeedAreas() => await Store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Imports households in one committed batch.</summary>
    protected async Task ImportAsync(params Household[] households) =>
        await Store.Registry.ImportAsync("test", households, TestContext.Current.CancellationToken);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the store, then removes the test's database.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
            return;
        _store?.Dispose();
        provider.Dispose();
    }
}
