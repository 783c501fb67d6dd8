using Npgsql;

[assembly: AssemblyFixture(typeof(Mosaic.Storage.Postgres.Tests.PostgresServer))]

namespace Mosaic.Storage.Postgres.Tests;

/// <summary>
/// The PostgreSQL server of a test run (an xunit assembly fixture): the server named by <c>MOSAIC_TEST_POSTGRES</c>
/// (a connection string of a role allowed to create databases), or else one throwaway <see cref="PostgresCluster"/>.
/// Each test gets its own database, cloned from a migrated template. Without PostgreSQL binaries the tests are
/// skipped with a message — except under <c>CI=true</c> or <c>MOSAIC_REQUIRE_POSTGRES=1</c> (set by <c>.ci/run</c>), where they fail.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    /// <summary>Environment variable naming an existing server to test against.</summary>
    public const string Variable = "MOSAIC_TEST_POSTGRES";

    private const string Template = "mosaic_template";

    private readonly PostgresCluster? _cluster;
    private readonly string? _admin;
    private readonly string? _unavailable;

    public PostgresServer()
    {
        Bins = PostgresCluster.FindBinaries();
        try
        {
            if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
            {
                _admin = given;
            }
            else if (Bins is { } bin)
            {
                _cluster = PostgresCluster.Create(bin, "tests");
                _admin = _cluster.ConnectionString();
            }
            else
            {
                _unavailable = $"PostgreSQL binaries not found (PATH, /usr/lib/postgresql/*/bin) and {Variable} not set";
                return;
            }
            PrepareTemplate();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException)
        {
            _unavailable = $"PostgreSQL could not be started: {ex.Message}";
        }
    }

    /// <summary>The directory of the PostgreSQL binaries, when known (scale-out tests start more clusters from it).</summary>
    public string? Bins { get; }

    /// <summary>A connection string of the server as a role that may create databases.</summary>
    public string Admin => _admin ?? throw new InvalidOperationException(_unavailable);

    /// <summary>Skips the calling test (fails it under CI) when there is no server.</summary>
    public void RequireServer()
    {
        if (_unavailable is null)
            return;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) ||
            Environment.GetEnvironmentVariable("MOSAIC_REQUIRE_POSTGRES") == "1")
            Assert.Fail(_unavailable + " — CI must install PostgreSQL (see .ci/run)");
        Assert.Skip(_unavailable);
    }

    /// <summary>For class fixtures, which must not skip: whether there is a server (the tests then call <see cref="RequireServer"/>).</summary>
    public void RequireServerOrNothing(out bool available) => available = _unavailable is null;

    private void PrepareTemplate()
    {
        using (var admin = new NpgsqlConnection(_admin))
        {
            admin.Open();
            Execute(admin, $"DROP DATABASE IF EXISTS {Template} WITH (FORCE)");
            Execute(admin, $"CREATE DATABASE {Template}");
            // The application role of docs/postgres.md, so the privilege tests can connect as it.
            Execute(admin, "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mosaic_app') THEN CREATE ROLE mosaic_app LOGIN; END IF; END $$");
        }
        // Called from the fixture's constructor, which cannot await.
        using (var store = PostgresMosaicStore.OpenAsync(ConnectionString(Template)).GetAwaiter().GetResult())
        {
        }
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>The connection string of a database on this server (same role as <see cref="Admin"/>).</summary>
    public string ConnectionString(string database, string? user = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(Admin) { Database = database };
        if (user is not null)
            builder.Username = user;
        return builder.ConnectionString;
    }

    /// <summary>Creates an empty, migrated database (a clone of the template) and returns its name.</summary>
    public string CreateDatabase(bool migrated = true)
    {
        RequireServer();
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        using var admin = new NpgsqlConnection(_admin);
        admin.Open();
        // FILE_COPY clones a small template several times faster than the default WAL_LOG strategy.
        Execute(admin, migrated ? $"CREATE DATABASE {name} TEMPLATE {Template} STRATEGY FILE_COPY" : $"CREATE DATABASE {name}");
        return name;
    }

    public void DropDatabase(string name)
    {
        if (_admin is null)
            return;
        using var admin = new NpgsqlConnection(_admin);
        admin.Open();
        Execute(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, connection);
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        _cluster?.Dispose();
    }
}
