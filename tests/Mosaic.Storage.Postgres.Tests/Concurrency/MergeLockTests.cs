using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Storage.Contract;
using Npgsql;

namespace Mosaic.Storage.Postgres.Tests.Concurrency;

/// <summary>
/// Two overlapping imports open at once, in a fixed order: the first finds the merge lock free and holds it from its
/// start (its households go straight into the registry), the second finds it taken and stages. Whichever way each
/// went, every submission is stored once with its own members, each import reports what it stored, and what the
/// first stored is a duplicate for the second. Counted with SQL.
/// </summary>
public sealed class MergeLockTests(PostgresServer server) : IDisposable
{
    private readonly PostgresTestDatabase _database = new(server);

    private static Household Family(int i) => Fixtures.ReturneeFamily("lock-" + i) with
    {
        HouseholdCode = "L-" + i,
        Members = [.. Enumerable.Range(1, (i % 3) + 1).Select(line => Fixtures.Member(line, line % 2 == 0 ? Sex.Male : Sex.Female, 20 + line, line == 1 ? Relation.Head : Relation.Child))],
    };

    [Fact]
    public async Task TheFirstImportHoldsTheLock_TheSecondStages_AndNeitherStoresAHouseholdTwice()
    {
        using (var setup = _database.Open())
            await setup.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: TestContext.Current.CancellationToken);
        using var first = _database.Open();
        using var second = _database.Open();
        // Stored before either starts: a duplicate for both (decided as the first reads, at the merge for the second).
        await first.Registry.ImportAsync("earlier", [Family(0)], TestContext.Current.CancellationToken);

        using var a = await first.Registry.BeginImportAsync("a", TestContext.Current.CancellationToken);
        Assert.Equal(1, AdvisoryLocksHeld()); // taken at its start, not at commit
        using var b = await second.Registry.BeginImportAsync("b", TestContext.Current.CancellationToken);
        Assert.Equal(1, AdvisoryLocksHeld()); // the second did not wait for it

        var byA = await a.AddAllAsync(Enumerable.Range(0, 10).Select(Family), TestContext.Current.CancellationToken);
        // lock-0 is known at once: the first import holds the lock
        Assert.Equal([RegistrationOutcome.Duplicate, .. Enumerable.Repeat(RegistrationOutcome.Added, 9)], byA);
        // The second cannot know yet what the first will store: it adds them all and the merge decides.
        var byB = await b.AddAllAsync(Enumerable.Range(5, 10).Select(Family), TestContext.Current.CancellationToken);
        Assert.All(byB, o => Assert.Equal(RegistrationOutcome.Added, o));

        var committedB = Task.Run(() => b.CommitAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken); // waits for the lock
        var storedA = await a.CommitAsync(TestContext.Current.CancellationToken);
        var storedB = await committedB;

        Assert.Equal((9L, Persons(1, 10)), (storedA.Households, storedA.Persons));
        Assert.Equal((5L, Persons(10, 15)), (storedB.Households, storedB.Persons)); // lock-5 … lock-9 were the first's
        using var sql = new NpgsqlConnection(_database.ConnectionString());
        sql.Open();
        using var count = new NpgsqlCommand("""
            SELECT count(*), count(DISTINCT h.submission_id),
                   count(*) FILTER (WHERE (SELECT count(*) FROM person p WHERE p.household_id = h.id) <> (substring(h.submission_id FROM 6)::integer % 3) + 1),
                   (SELECT count(*) FROM person), (SELECT count(*) FROM import_batch WHERE kind = 'registrations')
            FROM household h
            """, sql);
        using var r = count.ExecuteReader();
        r.Read();
        Assert.Equal((15L, 15L, 0L, Persons(0, 15), 3L), (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)));
    }

    [Fact]
    public async Task AnImportRolledBack_StoresNothing_AndFreesTheLock()
    {
        using var store = _database.Open();
        await store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: TestContext.Current.CancellationToken);
        using (var batch = await store.Registry.BeginImportAsync("abandoned", TestContext.Current.CancellationToken))
            await batch.AddAllAsync([Family(1), Family(2)], TestContext.Current.CancellationToken);
        Assert.Equal(0, AdvisoryLocksHeld());
        using (var batch = await store.Registry.BeginImportAsync("next", TestContext.Current.CancellationToken))
        {
            Assert.Equal(RegistrationOutcome.Added, await batch.AddAsync(Family(1), TestContext.Current.CancellationToken));
            Assert.Equal(1L, (await batch.CommitAsync(TestContext.Current.CancellationToken)).Households);
        }
        using var sql = new NpgsqlConnection(_database.ConnectionString());
        sql.Open();
        using var count = new NpgsqlCommand("SELECT (SELECT count(*) FROM household), (SELECT count(*) FROM person)", sql);
        using var r = count.ExecuteReader();
        r.Read();
        Assert.Equal((1L, 2L), (r.GetInt64(0), r.GetInt64(1)));
    }

    /// <summary>Persons of households <paramref name="from"/> to <paramref name="to"/> (exclusive).</summary>
    private static long Persons(int from, int to) => Enumerable.Range(from, to - from).Sum(i => (i % 3) + 1);

    private int AdvisoryLocksHeld()
    {
        using var sql = new NpgsqlConnection(_database.ConnectionString());
        sql.Open();
        using var locks = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", sql);
        return (int)(long)locks.ExecuteScalar()!;
    }

    public void Dispose() => _database.Dispose();
}
