using Mosaic.Core.Storage;
using Mosaic.Storage.Sqlite;

namespace Mosaic.Cli.Infrastructure;

/// <summary>Resolves <c>--db</c> / <c>MOSAIC_DB</c> to a store (DESIGN §3).</summary>
public static class StoreLocator
{
    public const string DefaultPath = "mosaic.db";

    public static string Resolve(string? db) =>
        !string.IsNullOrWhiteSpace(db) ? db :
        Environment.GetEnvironmentVariable("MOSAIC_DB") is { Length: > 0 } env ? env : DefaultPath;

    /// <summary>Whether the value names a PostgreSQL database rather than a file.</summary>
    public static bool IsPostgres(string db) =>
        db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
        db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) ||
        db.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    public static IMosaicStore Open(string? db)
    {
        var resolved = Resolve(db);
        if (IsPostgres(resolved))
            throw new CliException(ExitCodes.DatabaseUnavailable, "PostgreSQL databases are not supported by this build yet; use an SQLite file path");
        return SqliteMosaicStore.Open(resolved);
    }
}
