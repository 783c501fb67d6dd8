using Mosaic.Core.Audit;
using Mosaic.Storage.Contract;
using Npgsql;

namespace Mosaic.Storage.Postgres.Tests;

/// <summary>
/// The audit-log contract on PostgreSQL, plus its protection in the database: the application role lacks the
/// privileges to change, remove or unprotect entries, and triggers refuse changes even from the owner.
/// </summary>
public sealed class PostgresAuditLogTests : AuditLogContractTests
{
    private readonly PostgresTestDatabase _database;

    public PostgresAuditLogTests(PostgresServer server)
        : this(new PostgresTestDatabase(server))
    {
    }

    private PostgresAuditLogTests(PostgresTestDatabase database)
        : base(database) => _database = database;

    private static AuditEntry Entry => new(DateTimeOffset.UtcNow, "officer", AuditActions.TargetExportContacts, "/tmp/t.csv", null, 5, 6, "mosaic target");

    private static PostgresException Refused(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var cmd = new NpgsqlCommand(sql, connection);
        return Assert.Throws<PostgresException>(() => cmd.ExecuteNonQuery());
    }

    [Theory]
    [InlineData("UPDATE audit_log SET households = 0")]
    [InlineData("DELETE FROM audit_log")]
    [InlineData("TRUNCATE audit_log")]
    [InlineData("DROP TRIGGER audit_log_no_update ON audit_log")]
    [InlineData("ALTER TABLE audit_log DISABLE TRIGGER ALL")]
    [InlineData("DROP TABLE audit_log")]
    public async Task AuditLog_AsTheApplicationRole_ChangingOrUnprotectingIsRefusedByPrivileges(string sql)
    {
        await Store.AuditLog.AppendAsync(Entry, cancellationToken: TestContext.Current.CancellationToken);
        var ex = Refused(_database.ConnectionString(user: "mosaic_app"), sql);
        Assert.Contains(ex.SqlState, new[] { PostgresErrorCodes.InsufficientPrivilege });
        var stored = Assert.Single(await Store.AuditLog.ReadAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(("officer", 5, 6), (stored.Actor, stored.Households, stored.Persons));
    }

    [Theory]
    [InlineData("UPDATE audit_log SET actor = 'someone else'")]
    [InlineData("DELETE FROM audit_log WHERE id = 1")]
    [InlineData("TRUNCATE audit_log")]
    public async Task AuditLog_AsTheOwner_ChangesAreRefusedByTriggers(string sql)
    {
        await Store.AuditLog.AppendAsync(Entry, cancellationToken: TestContext.Current.CancellationToken);
        var ex = Refused(_database.ConnectionString(), sql);
        Assert.Contains("audit log is append-only", ex.MessageText, StringComparison.Ordinal);
        Assert.Equal("officer", Assert.Single(await Store.AuditLog.ReadAsync(cancellationToken: TestContext.Current.CancellationToken)).Actor);
    }

    [Fact]
    public async Task AuditLog_TheApplicationRole_CanAppendAndRead()
    {
        using var app = await PostgresMosaicStore.OpenAsync(_database.ConnectionString(user: "mosaic_app"), TestContext.Current.CancellationToken);
        var id = await app.AuditLog.AppendAsync(Entry, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(id, Assert.Single(await Store.AuditLog.ReadAsync(cancellationToken: TestContext.Current.CancellationToken)).Id);
    }
}
