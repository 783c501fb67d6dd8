using Microsoft.Data.Sqlite;
using Mosaic.Core.Audit;
using Mosaic.Core.Storage;
using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>The database object: explicit migrations, units of work, and SQLite failures reported as store failures.</summary>
public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string DbPath => _dir.File("mosaic.db");

    private void Sql(string sql)
    {
        using var raw = new SqliteConnection($"Data Source={DbPath};Pooling=false");
        raw.Open();
        using var cmd = raw.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static long UserVersion(string path)
    {
        using var raw = new SqliteConnection($"Data Source={path};Pooling=false;Mode=ReadOnly");
        raw.Open();
        using var cmd = raw.CreateCommand();
        cmd.CommandText = "PRAGMA user_version";
        return (long)cmd.ExecuteScalar()!;
    }

    [Fact]
    public void OpenStore_BeforeMigrate_IsRefusedAsOutdatedAndLeavesTheSchemaAlone()
    {
        using var database = SqliteDatabase.Open(DbPath);
        var ex = Assert.Throws<StoreException>(database.OpenStore);
        Assert.Equal(StoreFailure.OutdatedSchema, ex.Failure);
        Assert.Contains("mosaic init", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, UserVersion(DbPath));
    }

    [Fact]
    public async Task Migrate_BringsTheSchemaToTheLatestVersion_AndASecondCallChangesNothing()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var database = SqliteDatabase.Open(DbPath);
        Assert.Equal(0, await database.ReadSchemaVersionAsync(cancel));
        Assert.Equal(database.LatestSchemaVersion, await database.MigrateAsync(cancel));
        Assert.Equal(database.LatestSchemaVersion, await database.MigrateAsync(cancel));
        Assert.Equal(database.LatestSchemaVersion, UserVersion(DbPath));
        using var store = await database.OpenStoreAsync(cancel);
        Assert.Equal(database.LatestSchemaVersion, store.SchemaVersion);
    }

    [Fact]
    public async Task Database_HandsOutIndependentUnitsOfWorkFromSeveralThreads()
    {
        using var database = SqliteDatabase.Open(DbPath);
        await database.MigrateAsync(TestContext.Current.CancellationToken);
        using (var store = await database.OpenStoreAsync(TestContext.Current.CancellationToken))
            await store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: TestContext.Current.CancellationToken);
        var counts = new int[8];
        await Parallel.ForAsync(0, counts.Length, TestContext.Current.CancellationToken, async (i, cancel) =>
        {
            using var store = await database.OpenStoreAsync(cancel);
            counts[i] = await store.Areas.CountAsync(cancel);
        });
        Assert.All(counts, c => Assert.Equal(Fixtures.Areas.Count, c));
    }

    [Fact]
    public async Task Migrate_FileFromANewerMosaic_IsANewerSchemaFailure()
    {
        var cancel = TestContext.Current.CancellationToken;
        using (var database = SqliteDatabase.Open(DbPath))
            await database.MigrateAsync(cancel);
        Sql("PRAGMA user_version = 999");
        using var again = SqliteDatabase.Open(DbPath);
        Assert.Equal(StoreFailure.NewerSchema, (await Assert.ThrowsAsync<StoreException>(() => again.MigrateAsync(cancel))).Failure);
        Assert.Equal(StoreFailure.NewerSchema, (await Assert.ThrowsAsync<StoreException>(() => again.OpenStoreAsync(cancel))).Failure);
    }

    [Fact]
    public async Task Open_AFileThatIsNotADatabase_IsACorruptFailureNamingTheFile()
    {
        File.WriteAllText(DbPath, new string('x', 4096));
        using var database = SqliteDatabase.Open(DbPath);
        var ex = await Assert.ThrowsAsync<StoreException>(() => database.MigrateAsync(TestContext.Current.CancellationToken));
        Assert.Equal(StoreFailure.Corrupt, ex.Failure);
        Assert.Contains(DbPath, ex.Message, StringComparison.Ordinal);
        Assert.IsNotType<SqliteException>(ex);
    }

    [Fact]
    public async Task StoreCall_OnADamagedSchema_FailsAsAStoreFailureNotAnSqliteException()
    {
        using var store = SqliteMosaicStore.Open(DbPath);
        Sql("DROP TABLE audit_log");
        var entry = new AuditEntry(DateTimeOffset.UtcNow, "officer", AuditActions.TargetExportContacts, "/tmp/x.csv", null, 1, 1, "mosaic target");
        var ex = (await Assert.ThrowsAsync<StoreException>(async () => await store.AuditLog.AppendAsync(entry, cancellationToken: TestContext.Current.CancellationToken)));
        Assert.Equal(StoreFailure.Corrupt, ex.Failure);
        Assert.Contains("audit_log", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamedRead_OnADamagedSchema_FailsAsAStoreFailureWhenEnumerated()
    {
        using var store = SqliteMosaicStore.Open(DbPath);
        Sql("DROP TABLE person");
        var households = store.Registry.ReadHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(StoreFailure.Corrupt, (await Assert.ThrowsAsync<StoreException>(async () => await households.ToListAsync(TestContext.Current.CancellationToken))).Failure);
    }

    [Fact]
    public async Task ImportBatch_WriteRefusedByTheDatabase_IsAConflictFailure()
    {
        using var store = SqliteMosaicStore.Open(DbPath);
        await store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: TestContext.Current.CancellationToken);
        // A rule of the database's own (a trigger) refuses every household: a constraint failure, not the driver's exception.
        Sql("CREATE TRIGGER refuse_households BEFORE INSERT ON household BEGIN SELECT RAISE(ABORT, 'refused'); END");
        using var batch = await store.Registry.BeginImportAsync("test", TestContext.Current.CancellationToken);
        var ex = await Assert.ThrowsAsync<StoreException>(() => batch.AddAsync(Fixtures.ReturneeFamily(), TestContext.Current.CancellationToken));
        Assert.Equal(StoreFailure.Conflict, ex.Failure);
    }

    public void Dispose() => _dir.Dispose();
}
