using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Mosaic.Core.Storage;
using Mosaic.Storage.Postgres;
using Mosaic.Storage.Postgres.Tests;
using Mosaic.Storage.Sqlite;
using Npgsql;

[assembly: AssemblyFixture(typeof(Mosaic.Cli.Tests.TestDbServer))]

namespace Mosaic.Cli.Tests;

/// <summary>
/// The database a CLI test runs on. By default an SQLite file: <see cref="At"/> returns the path it is given. With
/// <c>MOSAIC_TEST_STORE=postgres</c> (CI runs the suite a second time so) each distinct path stands for its own fresh,
/// empty PostgreSQL database (schema version 0, which Mosaic reads as "no database here", as it does a missing file)
/// on the run's server: the one <c>MOSAIC_TEST_POSTGRES</c> names (a role that may create databases), else one
/// throwaway cluster for the whole run. Tests about the SQLite file itself call <see cref="SqliteOnly"/>.
/// </summary>
internal static class TestDb
{
    public const string StoreVariable = "MOSAIC_TEST_STORE";

    public const string ServerVariable = "MOSAIC_TEST_POSTGRES";

    private static readonly ConcurrentDictionary<string, string> s_databases = new(StringComparer.Ordinal);

    /// <summary>Whether this run's tests use PostgreSQL.</summary>
    public static bool UsesPostgres { get; } =
        string.Equals(Environment.GetEnvironmentVariable(StoreVariable), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The database location standing for <paramref name="path"/> (an SQLite file path, not created): the path itself,
    /// or on PostgreSQL the connection string of a new empty database (the same one each time the same path is given).
    /// </summary>
    public static string At(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return UsesPostgres ? s_databases.GetOrAdd(Path.GetFullPath(path), _ => TestDbServer.CreateDatabase(null)) : path;
    }

    /// <summary>
    /// On PostgreSQL, fails a test that hands <c>mosaic</c> a database file (one that skipped <see cref="At"/>), so that no
    /// test passes on a PostgreSQL run by quietly using SQLite; a <c>--db</c> value under <see cref="SqliteOnly"/>'s
    /// tests never gets here.
    /// </summary>
    public static void RequireStoreOfTheRun(IReadOnlyList<string> args)
    {
        if (!UsesPostgres)
            return;
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] == "--db" && !StoreResolver.IsPostgres(args[i + 1]))
                Assert.Fail($"a PostgreSQL test run hands mosaic the database file {args[i + 1]}: wrap the path in TestDb.At");
        }
    }

    /// <summary>A copy of a database at <paramref name="path"/> (an SQLite file copy; on PostgreSQL a clone of it, which must not be open).</summary>
    public static string Copy(string db, string path)
    {
        if (!UsesPostgres)
        {
            File.Copy(db, path, overwrite: true);
            return path;
        }
        NpgsqlConnection.ClearAllPools();
        var clone = TestDbServer.CreateDatabase(new NpgsqlConnectionStringBuilder(db).Database);
        s_databases[Path.GetFullPath(path)] = clone;
        return clone;
    }

    /// <summary>How Mosaic names the database in its messages: the path, or the server and database without the password.</summary>
    public static string Describe(string db) =>
        UsesPostgres ? PostgresConnectionString.Describe(PostgresConnectionString.Parse(db)) : db;

    /// <summary>Whether the database exists: the SQLite file, or on PostgreSQL a migrated schema (an empty database reads as none).</summary>
    public static bool Exists(string db)
    {
        if (!UsesPostgres)
            return File.Exists(db);
        return Scalar(db, "SELECT to_regclass('mosaic_schema') IS NOT NULL AND EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'area')") is true;
    }

    /// <summary>The reason of the tests of SQLite's persisted registry image and score columns.</summary>
    public const string SqliteLayout =
        "SQLite's persisted registry image (registry_snapshot) and score columns (score_columns): the PostgreSQL store keeps " +
        "scores as rows and reads the snapshot from its tables; its score and target are compared with SQLite's in PostgresCliTests";

    /// <summary>Skips the calling test on PostgreSQL: it is about the SQLite file itself (the reason says how).</summary>
    public static void SqliteOnly(string reason)
    {
        if (UsesPostgres)
            Assert.Skip("SQLite only: " + reason);
    }

    /// <summary>A unit of work on the database, migrated first (as the CLI's writing commands do).</summary>
    public static IMosaicStore Open(string db) =>
        UsesPostgres ? PostgresMosaicStore.OpenAsync(db).GetAwaiter().GetResult() : SqliteMosaicStore.Open(db);

    /// <summary>A plain connection to the tables (not pooled), for oracles that read or plant rows without Mosaic.</summary>
    public static DbConnection OpenSql(string db, bool readOnly = false)
    {
        DbConnection connection = UsesPostgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db) { Pooling = false }.ConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=false" + (readOnly ? ";Mode=ReadOnly" : ""));
        connection.Open();
        return connection;
    }

    /// <summary>
    /// A cell as SQLite's text would read: dates as ISO dates and booleans as 1 or 0 (SQLite stores them so;
    /// PostgreSQL returns a date or a boolean), other values in the invariant culture.
    /// </summary>
    public static string Text(object value) => value switch
    {
        DateTime { TimeOfDay.Ticks: 0 } d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    /// <summary>Runs one statement on a plain connection.</summary>
    public static void Execute(string db, string sql)
    {
        using var connection = OpenSql(db);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>The result of one scalar query on a plain connection.</summary>
    public static object? Scalar(string db, string sql)
    {
        using var connection = OpenSql(db, readOnly: true);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        var value = cmd.ExecuteScalar();
        return value is DBNull ? null : value;
    }
}

/// <summary>
/// The PostgreSQL server of a CLI test run on PostgreSQL, started on first use (never on SQLite runs); this assembly
/// fixture stops it when the run ends. Databases are created with <c>STRATEGY FILE_COPY</c>, several times faster
/// than the default for small databases.
/// </summary>
public sealed class TestDbServer : IDisposable
{
    private static readonly Lazy<(PostgresCluster? Cluster, string Admin)> s_server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    // Migrating a new database creates PostGIS in it when the server has it, which takes longer than the rest of
    // the migration: the template holds the extension already (and nothing of Mosaic: its schema version is 0).
    private static readonly string s_template = "mosaic_cli_template_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    private static (PostgresCluster?, string) Start()
    {
        PostgresCluster? cluster = null;
        string admin;
        if (Environment.GetEnvironmentVariable(TestDb.ServerVariable) is { Length: > 0 } given)
        {
            admin = given;
        }
        else
        {
            var bins = PostgresCluster.FindBinaries()
                ?? throw new InvalidOperationException($"{TestDb.StoreVariable}=postgres but no PostgreSQL binaries (PATH, /usr/lib/postgresql/*/bin) and {TestDb.ServerVariable} not set");
            cluster = PostgresCluster.Create(bins, "cli-tests");
            admin = cluster.ConnectionString();
        }
        Execute(admin, $"DROP DATABASE IF EXISTS {s_template}");
        Execute(admin, $"CREATE DATABASE {s_template} TEMPLATE template0");
        var template = new NpgsqlConnectionStringBuilder(admin) { Database = s_template }.ConnectionString;
        Execute(template, "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'postgis') THEN CREATE EXTENSION postgis; END IF; END $$");
        return (cluster, admin);
    }

    private static readonly ConcurrentBag<string> s_created = [];

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var cmd = new NpgsqlCommand(sql, connection);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Creates a database (empty but for PostGIS, or a clone of <paramref name="template"/>) and returns its connection string.</summary>
    internal static string CreateDatabase(string? template)
    {
        var admin = s_server.Value.Admin;
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        Execute(admin, $"CREATE DATABASE {name} TEMPLATE {template ?? s_template} STRATEGY FILE_COPY");
        s_created.Add(name);
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public void Dispose()
    {
        if (!s_server.IsValueCreated)
            return;
        NpgsqlConnection.ClearAllPools();
        if (s_server.Value.Cluster is { } cluster)
            cluster.Dispose();
        else
        {
            // A server of the user's: leave it as it was.
            foreach (var name in s_created.Append(s_template))
                Execute(s_server.Value.Admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }
}
