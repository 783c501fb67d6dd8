using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Contract;
using Npgsql;

namespace Mosaic.Storage.Postgres.Tests;

/// <summary>
/// The server's snapshot cache with asynchronous reads: a rebuild runs outside the cache's lock, so while one request
/// rebuilds (here held on the server by another session's table lock) the cache still answers whether it is stale and
/// which version it holds at once, a second request that needs the rebuild waits for that one build (and its token stops
/// the wait), and the build, once the lock goes, is the whole registry.
/// </summary>
public sealed class PostgresSnapshotCacheTests(PostgresServer server) : IDisposable
{
    private readonly PostgresTestDatabase _database = new(server);

    public void Dispose() => _database.Dispose();

    [Fact(Timeout = 300_000)]
    public async Task WhileOneRequestRebuilds_TheCacheAnswersAtOnce_AndASecondRequestWaitsForThatBuild()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = _database.Open();
        await store.Areas.UpsertAsync(RandomRegistry.Areas, cancellationToken: ct);
        var first = RandomRegistry.Households(120, 3);
        await store.Registry.ImportAsync("first", first, ct);
        using var cache = new RegistrySnapshotCache();
        Assert.Equal(first.Count, (await cache.GetAsync(store, ct)).HouseholdCount);
        var built = cache.Version;
        var more = RandomRegistry.Households(80, 4).Select(h => h with { SubmissionId = "more-" + h.SubmissionId }).ToList();
        await store.Registry.ImportAsync("more", more, ct);

        Task<RegistrySnapshot> rebuild;
        using var rebuilding = _database.Open();
        await using (var holder = new NpgsqlConnection(_database.ConnectionString()))
        {
            await holder.OpenAsync(ct);
            await using (var lockTable = new NpgsqlCommand("BEGIN; LOCK TABLE household IN ACCESS EXCLUSIVE MODE", holder))
                await lockTable.ExecuteNonQueryAsync(ct);
            rebuild = cache.GetAsync(rebuilding, ct);
            await WaitUntilBlockedAsync(ct);

            // Outside the build: the cache says at once that it is stale and still holds the version it built.
            using (var asking = _database.Open())
                Assert.True(await cache.IsStaleAsync(asking, ct));
            Assert.Equal(built, cache.Version);
            Assert.False(rebuild.IsCompleted);
            // A second request that needs the new snapshot waits for that one build; its own token stops its wait.
            using (var waiting = _database.Open())
            using (var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                cancel.CancelAfter(TimeSpan.FromMilliseconds(200));
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cache.GetAsync(waiting, cancel.Token));
            }
            Assert.Equal(1, cache.Builds);
        }

        var snapshot = await rebuild;
        Assert.Equal(first.Count + more.Count, snapshot.HouseholdCount);
        Assert.Equal(first.Concat(more).Sum(h => h.Members.Count), snapshot.PersonCount);
        Assert.Equal(2, cache.Builds);
        Assert.Same(snapshot, await cache.GetAsync(store, ct));
    }

    /// <summary>Until a statement of this database waits for the table lock (the rebuild's first read of the households).</summary>
    private async Task WaitUntilBlockedAsync(CancellationToken ct)
    {
        await using var sql = new NpgsqlConnection(_database.ConnectionString());
        await sql.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", sql);
        while ((long)(await cmd.ExecuteScalarAsync(ct))! == 0)
            await Task.Delay(20, ct);
    }
}
