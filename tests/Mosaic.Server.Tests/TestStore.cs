using System.Data.Common;
using Mosaic.Core.Storage;
using Mosaic.Storage.Contract;
using Mosaic.Storage.Postgres;
using Mosaic.Storage.Postgres.Tests;
using Mosaic.Storage.Sqlite;
using Npgsql;

namespace Mosaic.Server.Tests;

/// <summary>
/// The database a server test fixture runs on: an SQLite file, or — with <c>MOSAIC_TEST_STORE=postgres</c> (as CI
/// runs the API tests a second time) — a fresh database on the server <c>MOSAIC_TEST_POSTGRES</c> names, else in a
/// throwaway PostgreSQL cluster. <see cref="Db"/> is what the server is given as <c>Mosaic:Db</c>.
/// </summary>
public sealed class TestStore : IDisposable
{
    public const string Variable = "MOSAIC_TEST_STORE";

    /// <summary>As in the PostgreSQL store tests: an existing server (a role that may create databases) to use instead.</summary>
    public const string ServerVariable = "MOSAIC_TEST_POSTGRES";

    private readonly PostgresCluster? _cluster;

    public TestStore(TempDirectory directory, string name)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!UsesPostgres)
        {
            Db = directory.File(name + ".db");
            return;
        }
        var admin = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrEmpty(admin))
        {
            var bins = PostgresCluster.FindBinaries()
                ?? throw new InvalidOperationException($"{Variable}=postgres but no PostgreSQL binaries (PATH, /usr/lib/postgresql/*/bin) and {ServerVariable} not set");
            _cluster = PostgresCluster.Create(bins, "server-" + name);
            admin = _cluster.ConnectionString();
        }
        var database = $"{name}_{Guid.NewGuid():N}"[..Math.Min(name.Length + 17, 60)];
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            create.ExecuteNonQuery();
        }
        Db = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
    }

    /// <summary>Whether the fixtures run on PostgreSQL in this test run.</summary>
    public static bool UsesPostgres =>
        string.Equals(Environment.GetEnvironmentVariable(Variable), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The SQLite file path or the PostgreSQL connection string.</summary>
    public string Db { get; }

    /// <summary>A unit of work on the fixture's database (migrated); fixtures open it in constructors, which cannot await.</summary>
    public IMosaicStore Open() => UsesPostgres ? PostgresMosaicStore.OpenAsync(Db).GetAwaiter().GetResult() : SqliteMosaicStore.Open(Db);

    /// <summary>A plain read-only connection to the tables, for oracles that read rows without Mosaic.</summary>
    public DbConnection OpenSql()
    {
        DbConnection connection = UsesPostgres
            ? new NpgsqlConnection(Db)
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db};Mode=ReadOnly");
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        _cluster?.Dispose();
    }
}
