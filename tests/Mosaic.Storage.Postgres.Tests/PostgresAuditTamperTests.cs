using Mosaic.Core.Audit;
using Npgsql;

namespace Mosaic.Storage.Postgres.Tests;

/// <summary>
/// What the hash chain catches on PostgreSQL that privileges and triggers cannot stop: the owner switches the
/// triggers off and changes or removes entries, or the application role inserts a forged row. <see cref="AuditVerifier"/>
/// must report each; a database whose entries predate the chain is chained by its migration.
/// </summary>
public sealed class PostgresAuditTamperTests : IDisposable
{
    private readonly PostgresTestDatabase _database;

    public PostgresAuditTamperTests(PostgresServer server)
    {
        _database = new PostgresTestDatabase(server);
        // A constructor cannot await.
        using var store = PostgresMosaicStore.OpenAsync(_database.ConnectionString()).GetAwaiter().GetResult();
        for (var n = 1; n <= 4; n++)
        {
            store.AuditLog.AppendAsync(new AuditEntry(new DateTimeOffset(2026, 11, n, 9, 0, 0, TimeSpan.Zero).AddTicks(1234567), "officer" + n,
                AuditActions.TargetExportContacts, $"/exports/t{n}.csv", null, 10 * n, 10 * n, "mosaic target --include-contacts")).GetAwaiter().GetResult();
        }
    }

    private void Sql(string sql, string? user = null)
    {
        using var raw = new NpgsqlConnection(_database.ConnectionString(user));
        raw.Open();
        using var cmd = new NpgsqlCommand(sql, raw);
        cmd.ExecuteNonQuery();
    }

    private async Task<AuditVerification> Verify()
    {
        using var store = await PostgresMosaicStore.OpenAsync(_database.ConnectionString(), TestContext.Current.CancellationToken);
        return await AuditVerifier.VerifyAsync(store.AuditLog, cancellationToken: TestContext.Current.CancellationToken);
    }

    private const string TriggersOff = "ALTER TABLE audit_log DISABLE TRIGGER USER;";

    [Fact]
    public async Task UntouchedLog_IsIntact_WithTimesKeptToTheMicrosecond()
    {
        var result = (await Verify());
        Assert.True(result.Intact, string.Join("; ", result.Problems));
        Assert.Equal(4, result.Entries);
    }

    [Fact]
    public async Task ForgedInsert_ByTheApplicationRole_WithoutAChainHash_IsReported()
    {
        Sql("INSERT INTO audit_log (id, at, actor, action, subject, households, persons, command_line) " +
            "VALUES (5, now(), 'officer5', 'target.export_contacts', '/x.csv', 1, 1, 'mosaic target')", user: "mosaic_app");
        var problem = Assert.Single((await Verify()).Problems);
        Assert.Equal(5, problem.EntryId);
        Assert.Contains("no chain hash", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedInsert_WithACopiedHash_IsReported()
    {
        Sql("INSERT INTO audit_log (id, at, actor, action, subject, households, persons, command_line, hash) " +
            "SELECT 5, at, 'officer5', action, subject, households, persons, command_line, hash FROM audit_log WHERE id = 4", user: "mosaic_app");
        var problem = Assert.Single((await Verify()).Problems);
        Assert.Equal(5, problem.EntryId);
        Assert.Contains("does not match its chain hash", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TriggersSwitchedOffAndAChangedEntry_AreBothReported()
    {
        Sql(TriggersOff + "UPDATE audit_log SET households = 0 WHERE id = 2;");
        var result = (await Verify());
        Assert.Equal(2, result.Problems.Count(p => p.Reason.Contains("no longer protects the log", StringComparison.Ordinal)));
        Assert.Equal([2L], result.Problems.Where(p => p.EntryId > 0).Select(p => p.EntryId));
    }

    [Fact]
    public async Task DeletedEntryInTheMiddle_IsReported()
    {
        Sql(TriggersOff + "DELETE FROM audit_log WHERE id = 2; ALTER TABLE audit_log ENABLE TRIGGER USER;");
        var result = (await Verify());
        Assert.Contains(result.Problems, p => p.EntryId == 3 && p.Reason == "entry #2 was removed");
        Assert.Contains(result.Problems, p => p.EntryId == 3 && p.Reason.Contains("chain hash", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Problems, p => p.EntryId == 0);
    }

    [Fact]
    public async Task DeletedNewestEntry_IsReported()
    {
        Sql(TriggersOff + "DELETE FROM audit_log WHERE id = 4; ALTER TABLE audit_log ENABLE TRIGGER USER;");
        Assert.Contains((await Verify()).Problems, p => p.Reason == "entry #4 (the newest) was removed");
    }

    [Fact]
    public async Task EntriesWrittenBeforeTheChain_AreChainedByTheMigration_AndAppendsContinueTheChain()
    {
        // Rewind the database to schema 6: no role, no hash, ids from a sequence (advanced past a lost newest entry),
        // and none of the later migrations (8: the publication log, 9: the settings).
        Sql(TriggersOff + """
            ALTER TABLE audit_log DROP COLUMN role, DROP COLUMN hash;
            DROP TABLE audit_log_counter;
            CREATE SEQUENCE audit_log_id_seq OWNED BY audit_log.id;
            SELECT setval('audit_log_id_seq', 5);
            ALTER TABLE audit_log ALTER COLUMN id SET DEFAULT nextval('audit_log_id_seq');
            ALTER TABLE audit_log ENABLE TRIGGER USER;
            DROP TABLE publication_log;
            DROP FUNCTION publication_log_refuse();
            DROP TABLE setting;
            DELETE FROM mosaic_schema WHERE version >= 7;
            """);
        using var store = await PostgresMosaicStore.OpenAsync(_database.ConnectionString(), TestContext.Current.CancellationToken);
        var chain = await store.AuditLog.ReadChainAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([1L, 2L, 3L, 4L], chain.Select(c => c.Entry.Id));
        Assert.All(chain, c => Assert.Equal(32, c.Hash?.Length));
        // The sequence had issued id 5, so the log honestly reports it missing; the next entry gets id 6.
        Assert.Equal(6, await store.AuditLog.AppendAsync(new AuditEntry(DateTimeOffset.UtcNow, "officer6", AuditActions.TargetExportContacts,
            "/exports/t6.csv", null, 1, 1, "mosaic target"), cancellationToken: TestContext.Current.CancellationToken));
        var result = await AuditVerifier.VerifyAsync(store.AuditLog, cancellationToken: TestContext.Current.CancellationToken);
        // Every migrated hash and the new one check out: the only finding is the id the old sequence had used up.
        Assert.Equal(5, result.Entries);
        Assert.Equal("entry #5 was removed", Assert.Single(result.Problems).Reason);
    }

    public void Dispose() => _database.Dispose();
}
