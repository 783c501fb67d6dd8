using Microsoft.Data.Sqlite;
using Mosaic.Core.Audit;
using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>
/// What the hash chain catches that the triggers cannot stop: someone with the file drops the triggers, then
/// changes, removes, reorders or forges entries with plain SQL. <see cref="AuditVerifier"/> must report each.
/// </summary>
public sealed class SqliteAuditTamperTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string DbPath => _dir.File("audit.db");

    public SqliteAuditTamperTests()
    {
        using var store = SqliteMosaicStore.Open(DbPath);
        for (var n = 1; n <= 4; n++)
        {
            store.AuditLog.AppendAsync(new AuditEntry(new DateTimeOffset(2026, 11, n, 9, 0, 0, TimeSpan.Zero), "officer" + n,
                AuditActions.TargetExportContacts, $"/exports/t{n}.csv", null, 10 * n, 10 * n, "mosaic target --include-contacts")).GetAwaiter().GetResult();
        }
    }

    private void Sql(string sql)
    {
        using var raw = new SqliteConnection($"Data Source={DbPath};Pooling=false");
        raw.Open();
        using var cmd = raw.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private async Task<AuditVerification> Verify()
    {
        using var store = SqliteMosaicStore.Open(DbPath);
        return await AuditVerifier.VerifyAsync(store.AuditLog, cancellationToken: TestContext.Current.CancellationToken);
    }

    private const string DropTriggers =
        "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_replace;";

    [Fact]
    public async Task UntouchedLog_IsIntact() => Assert.True((await Verify()).Intact);

    [Fact]
    public async Task ForgedInsert_WithoutAChainHash_IsReported()
    {
        Sql("INSERT INTO audit_log (at, actor, action, subject, households, persons, command_line) " +
            "VALUES ('2026-11-05T09:00:00.0000000+00:00', 'officer5', 'target.export_contacts', '/x.csv', 1, 1, 'mosaic target')");
        var problem = Assert.Single((await Verify()).Problems);
        Assert.Equal(5, problem.EntryId);
        Assert.Contains("no chain hash", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedInsert_WithACopiedHash_IsReported()
    {
        Sql("INSERT INTO audit_log (at, actor, action, subject, households, persons, command_line, hash) " +
            "SELECT at, 'officer5', action, subject, households, persons, command_line, hash FROM audit_log WHERE id = 4");
        var problem = Assert.Single((await Verify()).Problems);
        Assert.Equal(5, problem.EntryId);
        Assert.Contains("does not match its chain hash", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DroppedTriggersAndAChangedEntry_AreBothReported()
    {
        Sql(DropTriggers + "UPDATE audit_log SET households = 0 WHERE id = 2;");
        var result = (await Verify());
        Assert.Equal(3, result.Problems.Count(p => p.Reason.Contains("no longer protects the log", StringComparison.Ordinal)));
        Assert.Equal([2L], result.Problems.Where(p => p.EntryId > 0).Select(p => p.EntryId));
    }

    [Fact]
    public async Task DeletedEntryInTheMiddle_IsReported()
    {
        Sql(DropTriggers + "DELETE FROM audit_log WHERE id = 2;");
        var result = (await Verify());
        Assert.Contains(result.Problems, p => p.EntryId == 3 && p.Reason == "entry #2 was removed");
        Assert.Contains(result.Problems, p => p.EntryId == 3 && p.Reason.Contains("chain hash", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeletedNewestEntry_IsReported()
    {
        Sql(DropTriggers + "DELETE FROM audit_log WHERE id = 4;");
        var result = (await Verify());
        Assert.Contains(result.Problems, p => p.Reason == "entry #4 (the newest) was removed");
    }

    [Fact]
    public async Task SwappedEntries_AreReported()
    {
        // Entries 2 and 3 exchange places, hashes and all: ids stay in order, the chain does not.
        Sql(DropTriggers +
            "CREATE TEMP TABLE t AS SELECT * FROM audit_log WHERE id IN (2, 3);" +
            "DELETE FROM audit_log WHERE id IN (2, 3);" +
            "INSERT INTO audit_log SELECT 5 - id, at, actor, action, subject, scope, households, persons, command_line, role, hash FROM t;");
        var result = (await Verify());
        Assert.Contains(result.Problems, p => p.EntryId == 2);
        Assert.False(result.Intact);
    }

    [Fact]
    public async Task TableSwappedForACopyWithoutTheNewestEntries_IsReported()
    {
        Sql(DropTriggers +
            "CREATE TABLE audit_copy AS SELECT * FROM audit_log WHERE id <= 2;" +
            "DELETE FROM audit_log; INSERT INTO audit_log SELECT * FROM audit_copy; DROP TABLE audit_copy;");
        var result = (await Verify());
        Assert.Contains(result.Problems, p => p.Reason == "entries #3–#4 (the newest) were removed");
    }

    public void Dispose() => _dir.Dispose();
}
