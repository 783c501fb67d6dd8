using Mosaic.Core.Storage;
using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>A throwaway SQLite file in its own temp directory, for the contract suites.</summary>
public sealed class SqliteTestDatabase : IStoreProvider
{
    private readonly TempDirectory _dir = new();

    public string Path => _dir.File("mosaic.db");

    public IMosaicStore Open() => SqliteMosaicStore.Open(Path);

    public IMosaicDatabase OpenUnmigrated() => SqliteDatabase.Open(Path);

    public void Dispose() => _dir.Dispose();
}
