using System.Globalization;
using Mosaic.Storage.Postgres.Tests;
using Npgsql;

namespace Mosaic.Benchmarks.Postgres;

/// <summary>
/// A throwaway PostgreSQL server for a benchmark: the test fixtures' <see cref="PostgresCluster"/> (initdb + pg_ctl
/// in /tmp on a free 127.0.0.1 port, run as the <c>postgres</c> user under root, fsync and synchronous commit off,
/// 128 MB shared buffers), stopped and deleted on dispose.
/// </summary>
internal sealed class BenchServer : IDisposable
{
    private readonly PostgresCluster _cluster;

    private BenchServer(PostgresCluster cluster) => _cluster = cluster;

    public static BenchServer Start(string name)
    {
        var bin = PostgresCluster.FindBinaries()
            ?? throw new InvalidOperationException("PostgreSQL binaries not found (/usr/lib/postgresql/*/bin or PATH): apt-get install postgresql-15");
        return new BenchServer(PostgresCluster.Create(bin, name));
    }

    public int Port => _cluster.Port;

    /// <summary>The binaries' directory (for psql).</summary>
    public static string Psql => Path.Combine(PostgresCluster.FindBinaries() ?? "/usr/bin", "psql");

    /// <summary>The <c>--db</c> of a database on this server, as a user would give it.</summary>
    public string Uri(string database) => $"postgres://postgres@127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/{database}";

    /// <summary>No statement time limit: loading ten million persons takes minutes.</summary>
    public string ConnectionString(string database) =>
        _cluster.ConnectionString(database).Replace("Command Timeout=300", "Command Timeout=0", StringComparison.Ordinal);

    public void CreateDatabase(string name) => Execute("postgres", $"CREATE DATABASE {name}");

    public void DropDatabase(string name)
    {
        NpgsqlConnection.ClearAllPools();
        Execute("postgres", $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    public void Execute(string database, string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString(database));
        connection.Open();
        using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        cmd.ExecuteNonQuery();
    }

    public object? Scalar(string database, string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString(database));
        connection.Open();
        using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return cmd.ExecuteScalar();
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        _cluster.Dispose();
    }
}
