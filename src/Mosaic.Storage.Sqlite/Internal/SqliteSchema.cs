using System.Globalization;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Storage;

namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>Reads the schema version and applies pending migrations to an open connection.</summary>
internal static class SqliteSchema
{
    public static int Version(SqliteConnection connection) =>
        Convert.ToInt32(connection.ExecuteScalar("PRAGMA user_version"), CultureInfo.InvariantCulture);

    /// <summary>
    /// Applies the pending migrations, each in its own transaction. A cancelled token stops before the next migration,
    /// or interrupts the statement running (<see cref="SqliteInterrupt"/>): that migration is rolled back.
    /// </summary>
    public static int Migrate(SqliteConnection connection, string description, CancellationToken cancellationToken = default)
    {
        var current = Version(connection);
        RefuseNewer(current, description);
        foreach (var (version, _, sql) in SqliteMigrations.All)
        {
            if (version <= current)
                continue;
            using var interrupt = SqliteInterrupt.On(connection, cancellationToken);
            using var tx = connection.BeginTransaction();
            connection.Execute(sql, tx);
            if (version == AuditChainMigration.Version)
                AuditChainMigration.Run(connection, tx);
            connection.Execute($"PRAGMA user_version = {version}", tx);
            tx.Commit();
            current = version;
        }
        return current;
    }

    /// <summary>Refuses a schema that is not the current one (units of work never migrate).</summary>
    public static void RequireCurrent(int version, string description)
    {
        RefuseNewer(version, description);
        if (version < SqliteMigrations.Latest)
        {
            throw new StoreException(StoreFailure.OutdatedSchema,
                $"the database {description} has schema version {version}, older than this Mosaic ({SqliteMigrations.Latest}); " +
                "migrate it first (mosaic init does)");
        }
    }

    private static void RefuseNewer(int version, string description)
    {
        if (version > SqliteMigrations.Latest)
        {
            throw new StoreException(StoreFailure.NewerSchema,
                $"the database {description} has schema version {version}, newer than this Mosaic ({SqliteMigrations.Latest}); upgrade Mosaic");
        }
    }
}
