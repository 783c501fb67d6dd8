using Mosaic.Core.Indicators;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Contract;
using Mosaic.Storage.Postgres.Internal;
using Npgsql;

namespace Mosaic.Storage.Postgres.Tests;

/// <summary>
/// A cancelled token stops a statement that is running on the server, not only between rows: another session holds a
/// lock the store's statement needs, so the statement waits on the server until it is cancelled. Each case ends with
/// <see cref="OperationCanceledException"/>, no statement of the store is left waiting on the server (Npgsql cancelled
/// it there, it was not merely abandoned), nothing is written, and once the lock is released the next call answers in full.
/// </summary>
public sealed class PostgresStatementCancellationTests(PostgresServer server) : IDisposable
{
    private readonly PostgresTestDatabase _database = new(server);

    private static CancellationToken TestToken => TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    /// <summary>A session of its own holding what <paramref name="sql"/> takes, until disposed.</summary>
    private async Task<NpgsqlConnection> HoldAsync(string sql, bool inTransaction = true)
    {
        // Not pooled: closing the holder ends its session, and with it every lock it holds (a session lock too).
        var holder = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_database.ConnectionString()) { Pooling = false }.ConnectionString);
        await holder.OpenAsync(TestToken);
        await using var cmd = new NpgsqlCommand((inTransaction ? "BEGIN; " : "") + sql, holder);
        await cmd.ExecuteNonQueryAsync(TestToken);
        return holder;
    }

    /// <summary>Statements of this database waiting for a lock, other than the holder's.</summary>
    private async Task<long> WaitingStatementsAsync()
    {
        await using var sql = new NpgsqlConnection(_database.ConnectionString());
        await sql.OpenAsync(TestToken);
        await using var cmd = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()", sql);
        return (long)(await cmd.ExecuteScalarAsync(TestToken))!;
    }

    /// <summary>Runs <paramref name="call"/> with a token cancelled after a moment, and expects the cancellation.</summary>
    private static async Task CancelledAfterAMomentAsync(Func<CancellationToken, Task> call)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestToken);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));
        // Returning at all is the point: the statement waits on the lock until it is cancelled.
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call(cancel.Token));
        Assert.IsNotType<StoreException>(ex.InnerException);
    }

    private async Task<(IMosaicStore Store, List<Household> Households)> SeededAsync()
    {
        var store = _database.Open();
        await store.Areas.UpsertAsync(RandomRegistry.Areas, cancellationToken: TestToken);
        var households = RandomRegistry.Households(200, 13);
        await store.Registry.ImportAsync("test", households, TestToken);
        return (store, households);
    }

    [Fact(Timeout = 300_000)]
    public async Task ASnapshotScanWaitingOnTheServer_IsCancelledThere_AndTheNextScanIsWhole()
    {
        var ct = TestContext.Current.CancellationToken;
        var (store, households) = await SeededAsync();
        using var _ = store;
        var source = (IRegistrySnapshotSource)store.Registry;
        await using (await HoldAsync("LOCK TABLE household IN ACCESS EXCLUSIVE MODE"))
        {
            await CancelledAfterAMomentAsync(t => source.ScanAsync(new RegistrySnapshotBuilder(RandomRegistry.Areas), t));
            Assert.Equal(0, await WaitingStatementsAsync());
        }
        var builder = new RegistrySnapshotBuilder(RandomRegistry.Areas, await source.OptionalHouseholdNumbersAsync(ct));
        await source.ScanAsync(builder, ct);
        var snapshot = builder.Build();
        Assert.Equal(households.Count, snapshot.HouseholdCount);
        Assert.Equal(households.Sum(h => h.Members.Count), snapshot.PersonCount);
    }

    [Fact(Timeout = 300_000)]
    public async Task APushdownCountWaitingOnTheServer_IsCancelledThere_AndTheNextCountIsWhole()
    {
        var ct = TestContext.Current.CancellationToken;
        var (store, households) = await SeededAsync();
        using var _ = store;
        var request = new TabulationRequest("population", ["sex"]) { MinimumCellSize = 1 };
        await using (await HoldAsync("LOCK TABLE person IN ACCESS EXCLUSIVE MODE"))
        {
            await CancelledAfterAMomentAsync(t => PushdownTabulator.TryTabulateAsync(store, IndicatorCatalogue.Shipped, request, t));
            Assert.Equal(0, await WaitingStatementsAsync());
        }
        var table = await PushdownTabulator.TryTabulateAsync(store, IndicatorCatalogue.Shipped, request, ct);
        Assert.Equal(households.SelectMany(h => h.Members).Count(m => m.MigratoryStatus != MigratoryStatus.Emigrant), table!.GrandTotal.Value);
    }

    [Fact(Timeout = 300_000)]
    public async Task AMigrationWaitingForAnotherMigrator_IsCancelledThere_WritesNothing_AndTheNextMigrationCompletes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = _database.OpenUnmigrated();
        // Another process migrating: it holds the migration lock (a session lock, here until the holder closes).
        await using (await HoldAsync($"SELECT pg_advisory_lock({PostgresSchema.MigrationLock})", inTransaction: false))
        {
            await CancelledAfterAMomentAsync(t => database.MigrateAsync(t));
            Assert.Equal(0, await WaitingStatementsAsync());
            Assert.Equal(0, await database.ReadSchemaVersionAsync(ct));
        }
        Assert.Equal(database.LatestSchemaVersion, await database.MigrateAsync(ct));
        using var store = await database.OpenStoreAsync(ct);
        await store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: ct);
        Assert.Equal(Fixtures.Areas.Count, await store.Areas.CountAsync(ct));
    }

    [Fact(Timeout = 300_000)]
    public async Task AnImportWaitingForTheMergeLock_IsCancelledThere_StoresNothing_AndTheOtherImportCommits()
    {
        var ct = TestContext.Current.CancellationToken;
        using var first = _database.Open();
        using var second = _database.Open();
        await first.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: ct);
        var mine = Enumerable.Range(0, 5).Select(i => Fixtures.ReturneeFamily("first-" + i) with { HouseholdCode = "F-" + i }).ToList();
        var theirs = Enumerable.Range(0, 7).Select(i => Fixtures.ReturneeFamily("second-" + i) with { HouseholdCode = "S-" + i }).ToList();

        // The first import takes the merge lock at its start; the second stages its households, then waits for the lock to merge.
        await using var holding = await first.Registry.BeginImportAsync("first", ct);
        await holding.AddAllAsync(mine, ct);
        await using (var waiting = await second.Registry.BeginImportAsync("second", ct))
        {
            await waiting.AddAllAsync(theirs, ct);
            await CancelledAfterAMomentAsync(t => waiting.CommitAsync(t));
            Assert.Equal(0, await WaitingStatementsAsync());
        }
        var stored = await holding.CommitAsync(ct);

        Assert.Equal(mine.Count, stored.Households);
        Assert.Equal(mine.Count, await first.Registry.CountHouseholdsAsync(cancellationToken: ct));
        Assert.Null(await first.Registry.GetHouseholdAsync("second-0", ct));
        // The cancelled import left no lock or transaction behind: the next one stores its households.
        await second.Registry.ImportAsync("second again", theirs, ct);
        Assert.Equal(mine.Count + theirs.Count, await second.Registry.CountHouseholdsAsync(cancellationToken: ct));
    }
}
