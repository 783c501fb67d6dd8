using Mosaic.Core.Registry;
using Mosaic.Core.Storage;

namespace Mosaic.Storage.Contract;

/// <summary>
/// The store handle shared by the contract suites: a provider's test class supplies a fresh, empty store per test
/// and a way to reopen it, and the suites run unchanged against SQLite and PostgreSQL.
/// </summary>
public abstract class ContractTestBase : IDisposable
{
    private IMosaicStore? _store;

    /// <summary>Creates a new empty store (a temp file, a throwaway database, …).</summary>
    protected abstract IMosaicStore CreateStore();

    /// <summary>Reopens the store created by <see cref="CreateStore"/> (same data), to prove durability.</summary>
    protected abstract IMosaicStore ReopenStore();

    protected IMosaicStore Store => _store ??= CreateStore();

    /// <summary>Closes the store and opens it again: what follows reads only what was durably written.</summary>
    protected void Reopen()
    {
        _store?.Dispose();
        _store = ReopenStore();
    }

    protected void SeedAreas() => Store.Areas.Upsert(Fixtures.Areas);

    /// <summary>Imports households in one committed batch.</summary>
    protected void Import(params Household[] households)
    {
        using var batch = Store.Registry.BeginImport("test");
        foreach (var h in households)
            batch.Add(h, HouseholdFingerprint.Compute(h));
        batch.Commit();
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the store; a provider disposes what it created (temp directory, database) after calling this.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
            _store?.Dispose();
    }
}
