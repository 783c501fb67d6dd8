using Microsoft.Data.Sqlite;
using Mosaic.Core.Audit;
using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>The audit-log contract on SQLite, plus the database-level refusal to change or delete entries.</summary>
public sealed class SqliteAuditLogTests : AuditLogContractTests
{
    private readonly SqliteTestDatabase _database;

    public SqliteAuditLogTests()
        : this(new SqliteTestDatabase())
    {
    }

    private SqliteAuditLogTests(SqliteTestDatabase database)
        : base(database) => _database = database;

    private string DbPath => _database.Path;

    [Theory]
    [InlineData("UPDATE audit_log SET households = 0")]
    [InlineData("UPDATE audit_log SET actor = 'someone else' WHERE id = 1")]
    [InlineData("DELETE FROM audit_log")]
    [InlineData("DELETE FROM audit_log WHERE id = 1")]
    [InlineData("INSERT OR REPLACE INTO audit_log (id, at, actor, action, subject, households, persons, command_line) VALUES (1, 'x', 'x', 'x', 'x', 0, 0, 'x')")]
    public async Task AuditLog_UpdateOrDeleteFromAnyClient_IsRefusedAndTheEntryIsUnchanged(string sql)
    {
        var entry = new AuditEntry(DateTimeOffset.UtcNow, "officer", AuditActions.TargetExportContacts, "/tmp/t.csv", null, 5, 6, "mosaic target");
        await Store.AuditLog.AppendAsync(entry, cancellationToken: TestContext.Current.CancellationToken);
        using (var raw = new SqliteConnection($"Data Source={DbPath};Pooling=false"))
        {
            raw.Open();
            using var cmd = raw.CreateCommand();
            cmd.CommandText = sql;
            var ex = Assert.Throws<SqliteException>(() => cmd.ExecuteNonQuery());
            Assert.Contains("audit log is append-only", ex.Message, StringComparison.Ordinal);
        }
        var stored = Assert.Single(await Store.AuditLog.ReadAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(("officer", 5, 6), (stored.Actor, stored.Households, stored.Persons));
    }

    [Fact]
    public void Open_NewDatabase_IsAtSchemaVersionSevenOrLater()
    {
        Assert.True(Store.SchemaVersion >= 7);
    }
}
