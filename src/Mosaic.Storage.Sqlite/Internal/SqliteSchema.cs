using Microsoft.Data.Sqlite;

namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>Applies pending migrations to an open connection.</summary>
internal static class SqliteSchema
{
    public static int Migrate(SqliteConnection connection)
    {
        var current = Convert.ToInt32(connection.ExecuteScalar("PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
        if (current > SqliteMigrations.Latest)
        {
            throw new InvalidOperationException(
                $"the database has schema version {current}, newer than this Mosaic ({SqliteMigrations.Latest}); upgrade Mosaic");
        }
        foreach (var (version, _, sql) in SqliteMigrations.All)
        {
            if (version <= current)
                continue;
            using var tx = connection.BeginTransaction();
            connection.Execute(sql, tx);
            connection.Execute($"PRAGMA user_version = {version}", tx);
            tx.Commit();
            current = version;
        }
        return current;
    }
}
