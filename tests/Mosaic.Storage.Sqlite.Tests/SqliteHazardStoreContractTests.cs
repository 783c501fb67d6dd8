using Mosaic.Core.Storage;
using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>The hazard layer contract against a real SQLite file in a temp directory.</summary>
public sealed class SqliteHazardStoreContractTests : HazardStoreContractTests
{
    private readonly TempDirectory _dir = new();

    private string DbPath => Path.Combine(_dir.Path, "mosaic.db");

    protected override IMosaicStore CreateStore() => SqliteMosaicStore.Open(DbPath);

    protected override IMosaicStore ReopenStore() => SqliteMosaicStore.Open(DbPath);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _dir.Dispose();
    }
}
