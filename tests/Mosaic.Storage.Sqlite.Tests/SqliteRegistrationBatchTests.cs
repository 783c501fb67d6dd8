using Microsoft.Data.Sqlite;
using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>
/// An import batch turns SQLite's foreign-key checks off for its own rows only: on the same connection they are on
/// again once the batch is committed or rolled back.
/// </summary>
public sealed class SqliteRegistrationBatchTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private SqliteConnection Connection()
    {
        var path = _dir.File("mosaic.db");
        using (SqliteMosaicStore.Open(path))
        {
        }
        var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        connection.Open();
        Execute(connection, "PRAGMA foreign_keys = ON");
        return connection;
    }

    private static object? Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    private static void AssertChecksOn(SqliteConnection connection)
    {
        Assert.Equal(1L, Execute(connection, "PRAGMA foreign_keys"));
        var ex = Assert.Throws<SqliteException>(() => Execute(connection,
            "INSERT INTO person (household_id, line, sex, relation, mig_status) VALUES (999999, 1, 'female', 'head', 'idp')"));
        Assert.Contains("FOREIGN KEY constraint failed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AfterACommittedBatch_APersonOfNoHouseholdIsRefusedAgain()
    {
        using var connection = Connection();
        using (var batch = new SqliteRegistrationBatch(connection, "test"))
        {
            Assert.Equal(0L, Execute(connection, "PRAGMA foreign_keys"));
            batch.Add(Fixtures.ReturneeFamily(), [1, 2, 3]);
            batch.Commit();
        }
        AssertChecksOn(connection);
        Assert.Empty(Rows(connection, "PRAGMA foreign_key_check"));
    }

    [Fact]
    public void AfterARolledBackBatch_APersonOfNoHouseholdIsRefusedAgain()
    {
        using var connection = Connection();
        using (var batch = new SqliteRegistrationBatch(connection, "test"))
            batch.Add(Fixtures.ReturneeFamily(), [1, 2, 3]);
        AssertChecksOn(connection);
        Assert.Equal(0L, Execute(connection, "SELECT count(*) FROM household"));
    }

    private static List<string> Rows(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read())
            rows.Add(r.GetValue(0)?.ToString() ?? "");
        return rows;
    }
}
