using Mosaic.Core.Storage;
using Mosaic.Storage.Contract;
using Npgsql;

namespace Mosaic.Storage.Postgres.Tests;

/// <summary>
/// The publication-log contract on PostgreSQL, plus its protection in the database: the application role may only
/// read and append, and triggers refuse changes even from the owner.
/// </summary>
public sealed class PostgresPublicationLogTests : PublicationLogContractTests
{
    private readonly PostgresTestDatabase _database;

    public PostgresPublicationLogTests(PostgresServer server)
        : this(new PostgresTestDatabase(server))
    {
    }

    private PostgresPublicationLogTests(PostgresTestDatabase database)
        : base(database) => _database = database;

    private static PostgresException Refused(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var cmd = new NpgsqlCommand(sql, connection);
        return Assert.Throws<PostgresException>(() => cmd.ExecuteNonQuery());
    }

    private async Task<long> CountAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM publication_log", connection);
        return (long)(await cmd.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    [Theory]
    [InlineData("UPDATE publication_log SET cells = '[]'")]
    [InlineData("DELETE FROM publication_log")]
    [InlineData("TRUNCATE publication_log")]
    [InlineData("DROP TRIGGER publication_log_no_update ON publication_log")]
    [InlineData("ALTER TABLE publication_log DISABLE TRIGGER ALL")]
    public async Task AsTheApplicationRole_ChangingOrUnprotectingTheLog_IsRefusedByPrivileges(string sql)
    {
        await Log.LogPublicationsAsync(Tables, TestContext.Current.CancellationToken);
        var ex = Refused(_database.ConnectionString(user: "mosaic_app"), sql);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, ex.SqlState);
        Assert.Equal(Tables.Length, await CountAsync());
    }

    [Theory]
    [InlineData("UPDATE publication_log SET cells = '[]'")]
    [InlineData("DELETE FROM publication_log WHERE id = 1")]
    [InlineData("TRUNCATE publication_log")]
    public async Task AsTheOwner_ChangesAreRefusedByTriggers(string sql)
    {
        await Log.LogPublicationsAsync(Tables, TestContext.Current.CancellationToken);
        var ex = Refused(_database.ConnectionString(), sql);
        Assert.Contains("the publication log is append-only", ex.MessageText, StringComparison.Ordinal);
        Assert.Equal(Tables.Length, await CountAsync());
    }

    [Fact]
    public async Task TheApplicationRole_CanAppendAndRead()
    {
        using var app = await PostgresMosaicStore.OpenAsync(_database.ConnectionString(user: "mosaic_app"), TestContext.Current.CancellationToken);
        await PublicationLogs.Of(app).LogPublicationsAsync([Tables[0]], TestContext.Current.CancellationToken);
        Assert.Equal("population", Assert.Single(await Log.ReadPublicationsAsync(TestContext.Current.CancellationToken)).Indicator);
    }
}
