using Mosaic.Core.Storage;
using Npgsql;

namespace Mosaic.Storage.Postgres.Internal;

/// <summary>Applies pending migrations, one process at a time (an advisory lock serialises concurrent openers).</summary>
internal static class PostgresSchema
{
    /// <summary>Advisory lock key of schema changes ("MOSAICSC").</summary>
    private const long MigrationLock = 0x4D4F534149435343;

    /// <summary>The application role granted what Mosaic needs and no more (docs/postgres.md).</summary>
    public const string ApplicationRole = "mosaic_app";

    /// <summary>The stored schema version (0 for an empty database) and the settings chosen when it was created.</summary>
    public static (int Version, PostgresGeometry Geometry, RegistryLayout Layout) Read(NpgsqlConnection connection)
    {
        if (connection.Scalar("SELECT to_regclass('mosaic_schema') IS NOT NULL AND to_regclass('mosaic_setting') IS NOT NULL") is not true)
            return (0, new PostgresGeometry(false), RegistryLayout.Single);
        using var read = connection.BeginTransaction();
        var version = Convert.ToInt32(connection.Scalar("SELECT coalesce(max(version), 0) FROM mosaic_schema", read), System.Globalization.CultureInfo.InvariantCulture);
        return (version, new PostgresGeometry(Setting(connection, read, "geometry") == "postgis"),
            Enum.Parse<RegistryLayout>(Setting(connection, read, "registry_layout") ?? nameof(RegistryLayout.Single), ignoreCase: true));
    }

    public static (int Version, PostgresGeometry Geometry, RegistryLayout Layout) Migrate(NpgsqlConnection connection, RegistryLayout layoutIfNew)
    {
        // An up-to-date database is only read: the application role, which may not create anything, opens it too.
        var stored = Read(connection);
        if (stored.Version > PostgresMigrations.Latest)
            throw Newer(stored.Version, connection.Database);
        if (stored.Version == PostgresMigrations.Latest)
            return stored;
        using (var setup = connection.BeginTransaction())
        {
            connection.Execute("SELECT pg_advisory_xact_lock(@k)", setup, ("k", MigrationLock));
            connection.Execute(
                "CREATE TABLE IF NOT EXISTS mosaic_schema (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now()); " +
                "CREATE TABLE IF NOT EXISTS mosaic_setting (key text PRIMARY KEY, value text NOT NULL)", setup);
            setup.Commit();
        }
        using var tx = connection.BeginTransaction();
        connection.Execute("SELECT pg_advisory_xact_lock(@k)", tx, ("k", MigrationLock));
        var current = Convert.ToInt32(connection.Scalar("SELECT coalesce(max(version), 0) FROM mosaic_schema", tx), System.Globalization.CultureInfo.InvariantCulture);
        if (current > PostgresMigrations.Latest)
            throw Newer(current, connection.Database);
        var geometry = new PostgresGeometry(Setting(connection, tx, "geometry") is { } g ? g == "postgis" : TryPostGis(connection, tx));
        var layout = Setting(connection, tx, "registry_layout") is { } l ? Enum.Parse<RegistryLayout>(l, ignoreCase: true) : layoutIfNew;
        if (current == 0)
        {
            SetSetting(connection, tx, "geometry", geometry.PostGis ? "postgis" : "wkb");
            SetSetting(connection, tx, "registry_layout", layout.ToString().ToLowerInvariant());
        }
        foreach (var (version, name, sql) in PostgresMigrations.All)
        {
            if (version <= current)
                continue;
            connection.Execute(Expand(sql, geometry, layout), tx);
            if (version == AuditChainMigration.Version)
                AuditChainMigration.Run(connection, tx);
            connection.Execute("INSERT INTO mosaic_schema (version, name) VALUES (@v, @n)", tx, ("v", version), ("n", name));
            current = version;
        }
        GrantApplicationRole(connection, tx);
        tx.Commit();
        return (current, geometry, layout);
    }

    public static StoreException Newer(int version, string description) => new(StoreFailure.NewerSchema,
        $"the database ({description}) has schema version {version}, newer than this Mosaic ({PostgresMigrations.Latest}); upgrade Mosaic");

    private static string Expand(string sql, PostgresGeometry geometry, RegistryLayout layout) => sql
        .Replace("{geometry}", geometry.ColumnType, StringComparison.Ordinal)
        .Replace("{registry_tables}", RegistryTables.Create("", layout == RegistryLayout.Partitioned ? "PARTITION BY LIST (adm1_pcode)" : "", keys: false), StringComparison.Ordinal)
        .Replace("{registry_keys}", layout == RegistryLayout.Partitioned ? "" : RegistryKeys.Sql("household", "person", "movement"), StringComparison.Ordinal);

    /// <summary>Uses PostGIS when it is installed, or can be installed by this role, in this database.</summary>
    private static bool TryPostGis(NpgsqlConnection connection, NpgsqlTransaction tx)
    {
        if (connection.Scalar("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgis')", tx) is true)
            return true;
        if (connection.Scalar("SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'postgis')", tx) is not true)
            return false;
        connection.Execute("SAVEPOINT postgis", tx);
        try
        {
            connection.Execute("CREATE EXTENSION postgis", tx);
            connection.Execute("RELEASE SAVEPOINT postgis", tx);
            return true;
        }
        catch (PostgresException)
        {
            // Not allowed for this role: plain WKB columns work the same for Mosaic.
            connection.Execute("ROLLBACK TO SAVEPOINT postgis", tx);
            return false;
        }
    }

    private static void GrantApplicationRole(NpgsqlConnection connection, NpgsqlTransaction tx)
    {
        if (connection.Scalar("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = @r)", tx, ("r", ApplicationRole)) is not true)
            return;
        connection.Execute($"""
            GRANT USAGE ON SCHEMA public TO {ApplicationRole};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {ApplicationRole};
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {ApplicationRole};
            REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM {ApplicationRole};
            REVOKE UPDATE, DELETE, TRUNCATE ON publication_log FROM {ApplicationRole};
            REVOKE INSERT, DELETE, TRUNCATE ON audit_log_counter FROM {ApplicationRole};
            REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON mosaic_schema, mosaic_setting FROM {ApplicationRole};
            """, tx);
    }

    private static string? Setting(NpgsqlConnection connection, NpgsqlTransaction tx, string key) =>
        connection.Scalar("SELECT value FROM mosaic_setting WHERE key = @k", tx, ("k", key)) as string;

    private static void SetSetting(NpgsqlConnection connection, NpgsqlTransaction tx, string key, string value) =>
        connection.Execute("INSERT INTO mosaic_setting (key, value) VALUES (@k, @v) ON CONFLICT (key) DO UPDATE SET value = excluded.value", tx,
            ("k", key), ("v", value));
}
