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
    public static async Task<(int Version, PostgresGeometry Geometry, RegistryLayout Layout)> ReadAsync(NpgsqlConnection connection,
        CancellationToken cancellationToken)
    {
        if (await connection.ScalarAsync("SELECT to_regclass('mosaic_schema') IS NOT NULL AND to_regclass('mosaic_setting') IS NOT NULL", null,
            cancellationToken).ConfigureAwait(false) is not true)
        {
            return (0, new PostgresGeometry(false), RegistryLayout.Single);
        }
        await using var read = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var version = Convert.ToInt32(await connection.ScalarAsync("SELECT coalesce(max(version), 0) FROM mosaic_schema", read, cancellationToken).ConfigureAwait(false),
            System.Globalization.CultureInfo.InvariantCulture);
        return (version, new PostgresGeometry(await SettingAsync(connection, read, "geometry", cancellationToken).ConfigureAwait(false) == "postgis"),
            Enum.Parse<RegistryLayout>(await SettingAsync(connection, read, "registry_layout", cancellationToken).ConfigureAwait(false) ?? nameof(RegistryLayout.Single),
                ignoreCase: true));
    }

    /// <summary>
    /// Applies the pending migrations in one transaction under the advisory lock. The token is passed to every statement:
    /// cancelled, the server stops the statement running and the transaction is rolled back (the schema stays as it was).
    /// </summary>
    public static async Task<(int Version, PostgresGeometry Geometry, RegistryLayout Layout)> MigrateAsync(NpgsqlConnection connection,
        RegistryLayout layoutIfNew, CancellationToken cancellationToken)
    {
        // An up-to-date database is only read: the application role, which may not create anything, opens it too.
        var stored = await ReadAsync(connection, cancellationToken).ConfigureAwait(false);
        if (stored.Version > PostgresMigrations.Latest)
            throw Newer(stored.Version, connection.Database);
        if (stored.Version == PostgresMigrations.Latest)
            return stored;
        await using (var setup = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@k)", setup, cancellationToken, ("k", MigrationLock)).ConfigureAwait(false);
            await connection.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS mosaic_schema (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now()); " +
                "CREATE TABLE IF NOT EXISTS mosaic_setting (key text PRIMARY KEY, value text NOT NULL)", setup, cancellationToken).ConfigureAwait(false);
            await setup.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@k)", tx, cancellationToken, ("k", MigrationLock)).ConfigureAwait(false);
        var current = Convert.ToInt32(await connection.ScalarAsync("SELECT coalesce(max(version), 0) FROM mosaic_schema", tx, cancellationToken).ConfigureAwait(false),
            System.Globalization.CultureInfo.InvariantCulture);
        if (current > PostgresMigrations.Latest)
            throw Newer(current, connection.Database);
        var geometry = new PostgresGeometry(await SettingAsync(connection, tx, "geometry", cancellationToken).ConfigureAwait(false) is { } g
            ? g == "postgis"
            : await TryPostGisAsync(connection, tx, cancellationToken).ConfigureAwait(false));
        var layout = await SettingAsync(connection, tx, "registry_layout", cancellationToken).ConfigureAwait(false) is { } l
            ? Enum.Parse<RegistryLayout>(l, ignoreCase: true)
            : layoutIfNew;
        if (current == 0)
        {
            await SetSettingAsync(connection, tx, "geometry", geometry.PostGis ? "postgis" : "wkb", cancellationToken).ConfigureAwait(false);
            await SetSettingAsync(connection, tx, "registry_layout", layout.ToString().ToLowerInvariant(), cancellationToken).ConfigureAwait(false);
        }
        foreach (var (version, name, sql) in PostgresMigrations.All)
        {
            if (version <= current)
                continue;
            await connection.ExecuteAsync(Expand(sql, geometry, layout), tx, cancellationToken).ConfigureAwait(false);
            if (version == AuditChainMigration.Version)
                await AuditChainMigration.RunAsync(connection, tx, cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync("INSERT INTO mosaic_schema (version, name) VALUES (@v, @n)", tx, cancellationToken, ("v", version), ("n", name))
                .ConfigureAwait(false);
            current = version;
        }
        await GrantApplicationRoleAsync(connection, tx, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (current, geometry, layout);
    }

    public static StoreException Newer(int version, string description) => new(StoreFailure.NewerSchema,
        $"the database ({description}) has schema version {version}, newer than this Mosaic ({PostgresMigrations.Latest}); upgrade Mosaic");

    private static string Expand(string sql, PostgresGeometry geometry, RegistryLayout layout) => sql
        .Replace("{geometry}", geometry.ColumnType, StringComparison.Ordinal)
        .Replace("{registry_tables}", RegistryTables.Create("", layout == RegistryLayout.Partitioned ? "PARTITION BY LIST (adm1_pcode)" : "", keys: false), StringComparison.Ordinal)
        .Replace("{registry_keys}", layout == RegistryLayout.Partitioned ? "" : RegistryKeys.Sql("household", "person", "movement"), StringComparison.Ordinal);

    /// <summary>Uses PostGIS when it is installed, or can be installed by this role, in this database.</summary>
    private static async Task<bool> TryPostGisAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken cancellationToken)
    {
        if (await connection.ScalarAsync("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgis')", tx, cancellationToken).ConfigureAwait(false) is true)
            return true;
        if (await connection.ScalarAsync("SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'postgis')", tx, cancellationToken)
            .ConfigureAwait(false) is not true)
        {
            return false;
        }
        await connection.ExecuteAsync("SAVEPOINT postgis", tx, cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync("CREATE EXTENSION postgis", tx, cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync("RELEASE SAVEPOINT postgis", tx, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (PostgresException)
        {
            // Not allowed for this role: plain WKB columns work the same for Mosaic.
            await connection.ExecuteAsync("ROLLBACK TO SAVEPOINT postgis", tx, cancellationToken).ConfigureAwait(false);
            return false;
        }
    }

    private static async Task GrantApplicationRoleAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken cancellationToken)
    {
        if (await connection.ScalarAsync("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = @r)", tx, cancellationToken, ("r", ApplicationRole))
            .ConfigureAwait(false) is not true)
        {
            return;
        }
        await connection.ExecuteAsync($"""
            GRANT USAGE ON SCHEMA public TO {ApplicationRole};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {ApplicationRole};
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {ApplicationRole};
            REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM {ApplicationRole};
            REVOKE UPDATE, DELETE, TRUNCATE ON publication_log FROM {ApplicationRole};
            REVOKE INSERT, DELETE, TRUNCATE ON audit_log_counter FROM {ApplicationRole};
            REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON mosaic_schema, mosaic_setting FROM {ApplicationRole};
            """, tx, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string?> SettingAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string key, CancellationToken cancellationToken) =>
        await connection.ScalarAsync("SELECT value FROM mosaic_setting WHERE key = @k", tx, cancellationToken, ("k", key)).ConfigureAwait(false) as string;

    private static Task<int> SetSettingAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string key, string value, CancellationToken cancellationToken) =>
        connection.ExecuteAsync("INSERT INTO mosaic_setting (key, value) VALUES (@k, @v) ON CONFLICT (key) DO UPDATE SET value = excluded.value", tx,
            cancellationToken, ("k", key), ("v", value));
}
