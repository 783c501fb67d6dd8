using Mosaic.Core.Storage;
using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>The store contract against a real SQLite file in a temp directory.</summary>
public sealed class SqliteStoreContractTests : StoreContractTests
{
    private readonly SqliteTestDatabase _database;

    public SqliteStoreContractTests()
        : this(new SqliteTestDatabase())
    {
    }

    private SqliteStoreContractTests(SqliteTestDatabase database)
        : base(database) => _database = database;

    private string DbPath => _database.Path;

    [Fact]
    public void Open_FileFromANewerMosaic_IsRefusedWithAClearMessage()
    {
        using (var store = SqliteMosaicStore.Open(DbPath))
        {
        }
        using (var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DbPath};Pooling=false"))
        {
            raw.Open();
            using var cmd = raw.CreateCommand();
            cmd.CommandText = "PRAGMA user_version = 999";
            cmd.ExecuteNonQuery();
        }
        var ex = Assert.Throws<StoreException>(() => SqliteMosaicStore.Open(DbPath));
        Assert.Equal(StoreFailure.NewerSchema, ex.Failure);
        Assert.Contains("newer than this Mosaic", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_UsesWriteAheadLogging()
    {
        using var store = SqliteMosaicStore.Open(DbPath);
        using var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DbPath};Pooling=false");
        raw.Open();
        using var cmd = raw.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", cmd.ExecuteScalar());
    }
}
