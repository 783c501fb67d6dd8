using Microsoft.Data.Sqlite;
using Mosaic.Core.Audit;
using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Contract;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>
/// A cancelled token stops a statement that is running, not only between rows: one long statement (here a count over
/// 10^10 rows, hours of work) ends with <see cref="OperationCanceledException"/>, and the store answers the next call.
/// The same holds for the snapshot scan and for a migration, which then leaves the schema at the version before it.
/// </summary>
public sealed class SqliteInterruptTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    // The timeout only keeps a broken interrupt from hanging the run; nothing is asserted about time.
    [Fact(Timeout = 300_000)]
    public async Task ACountThatWouldRunForHours_StopsWhenTheTokenIsCancelled_AndTheStoreAnswersTheNextCall()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = SqliteMosaicStore.Open(_dir.File("interrupt.db"));
        await store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: ct);
        await store.Registry.ImportAsync("test", [Fixtures.ReturneeFamily()], ct);
        // Test hook: a temporary view shadows the household table on the store's own connection (SQLite resolves an
        // unqualified name in temp first), so the store's real count statement runs over 10^10 generated rows.
        store.Connection.Execute("""
            CREATE TEMP VIEW household AS
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000000000) SELECT i AS id FROM n
            """);

        using (var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            cancel.CancelAfter(TimeSpan.FromMilliseconds(200));
            var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.Registry.CountHouseholdsAsync(cancellationToken: cancel.Token));
            Assert.IsNotType<StoreException>(ex.InnerException);
        }

        store.Connection.Execute("DROP VIEW temp.household");
        Assert.Equal(1, await store.Registry.CountHouseholdsAsync(cancellationToken: ct));
        Assert.Equal(4, await store.Registry.CountPersonsAsync(cancellationToken: ct));
    }

    [Fact]
    public async Task ACancelledTokenWithNoStatementRunning_LeavesLaterStatementsAlone()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = SqliteMosaicStore.Open(_dir.File("quiet.db"));
        await store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: ct);
        using var cancel = new CancellationTokenSource();
        Assert.Equal(0, await store.Registry.CountHouseholdsAsync(cancellationToken: cancel.Token));
        // Cancelled after the call returned: the registration is gone, the next statement is not interrupted.
        await cancel.CancelAsync();
        await store.Registry.ImportAsync("test", [Fixtures.ReturneeFamily()], ct);
        Assert.Equal(1, await store.Registry.CountHouseholdsAsync(cancellationToken: ct));
    }

    /// <summary>A condition that takes hours to evaluate (a count over 10^10 generated rows), true at the end.</summary>
    private const string Hours = "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000000000) SELECT count(*) FROM n) > 0";

    [Fact(Timeout = 300_000)]
    public async Task ASnapshotScanOfARegistryThatWouldTakeHours_StopsWhenTheTokenIsCancelled_AndTheNextScanIsWhole()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = SqliteMosaicStore.Open(_dir.File("scan.db"));
        await store.Areas.UpsertAsync(RandomRegistry.Areas, cancellationToken: ct);
        var households = RandomRegistry.Households(300, 5);
        await store.Registry.ImportAsync("test", households, ct);
        var source = (IRegistrySnapshotSource)store.Registry;
        // Test hook: a temporary view with the household table's columns shadows it on the store's own connection, and
        // gives its first row only after hours of work: the scan's own statement runs as over a registry of 10^10 rows.
        store.Connection.Execute($"CREATE TEMP VIEW household AS SELECT h.* FROM main.household h WHERE {Hours}");

        using (var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            cancel.CancelAfter(TimeSpan.FromMilliseconds(200));
            var builder = new RegistrySnapshotBuilder(RandomRegistry.Areas, await source.OptionalHouseholdNumbersAsync(ct));
            // Returning at all is the point: without the interrupt the statement would run for hours.
            var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => source.ScanAsync(builder, cancel.Token));
            Assert.IsNotType<StoreException>(ex.InnerException);
        }

        store.Connection.Execute("DROP VIEW temp.household");
        var whole = new RegistrySnapshotBuilder(RandomRegistry.Areas, await source.OptionalHouseholdNumbersAsync(ct));
        await source.ScanAsync(whole, ct);
        var snapshot = whole.Build();
        Assert.Equal(households.Count, snapshot.HouseholdCount);
        Assert.Equal(households.Sum(h => h.Members.Count), snapshot.PersonCount);
    }

    [Fact(Timeout = 300_000)]
    public async Task AMigrationThatWouldRunForHours_StopsWhenTheTokenIsCancelled_RollsItselfBack_AndTheNextMigrationCompletes()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = _dir.File("migrate.db");
        using (var store = SqliteMosaicStore.Open(path))
        {
            await store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: ct);
            await store.AuditLog.AppendAsync(new AuditEntry(DateTimeOffset.UtcNow, "officer1", AuditActions.TargetExportContacts, "/exports/t1.csv", null, 2, 5,
                "mosaic target"), ct);
        }
        // Rewind to before migration 11 (the audit chain), and put a view that answers only after hours in place of the
        // audit log it reads (its one entry, behind a condition that takes hours): the migration's own statement runs for hours.
        Sql(path, $"""
            ALTER TABLE audit_log RENAME TO audit_log_kept;
            CREATE VIEW audit_log AS SELECT a.* FROM audit_log_kept a WHERE {Hours};
            PRAGMA user_version = 10;
            """);

        using var database = SqliteDatabase.Open(path);
        using (var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            cancel.CancelAfter(TimeSpan.FromMilliseconds(200));
            var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => database.MigrateAsync(cancel.Token));
            Assert.IsNotType<StoreException>(ex.InnerException);
        }

        // Migration 11 was rolled back whole: still version 10, and the trigger it drops first is still there.
        Assert.Equal(10, await database.ReadSchemaVersionAsync(ct));
        Assert.Equal(1L, Scalar(path, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_log_no_update'"));
        Sql(path, "DROP VIEW audit_log; ALTER TABLE audit_log_kept RENAME TO audit_log;");
        Assert.Equal(database.LatestSchemaVersion, await database.MigrateAsync(ct));
        using var migrated = await database.OpenStoreAsync(ct);
        Assert.Equal(Fixtures.Areas.Count, await migrated.Areas.CountAsync(ct));
        var audit = await AuditVerifier.VerifyAsync(migrated.AuditLog, cancellationToken: ct);
        Assert.True(audit.Intact);
        Assert.Equal(1, audit.Entries);
    }

    private static void Sql(string path, string sql)
    {
        using var raw = new SqliteConnection($"Data Source={path};Pooling=false");
        raw.Open();
        using var cmd = raw.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static object? Scalar(string path, string sql)
    {
        using var raw = new SqliteConnection($"Data Source={path};Pooling=false");
        raw.Open();
        using var cmd = raw.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }
}
