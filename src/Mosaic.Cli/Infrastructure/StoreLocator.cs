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

    /// <summary>
    /// Opens the database. Only <c>init</c>, <c>demo</c> and the imports pass <paramref name="create"/>: any other
    /// command refuses a database that does not exist, so a mistyped <c>--db</c> or the wrong folder never reads as
    /// an empty registry ("Total 0").
    /// </summary>
    public static IMosaicStore Open(string? db, bool create = false)
    {
        var resolved = Resolve(db);
        if (IsPostgres(resolved))
            throw new CliException(ExitCodes.DatabaseUnavailable, "PostgreSQL databases are not supported by this build yet; use an SQLite file path");
        if (!create && !File.Exists(resolved))
        {
            throw new CliException(ExitCodes.DatabaseUnavailable,
                $"no database at {Path.GetFullPath(resolved)}: create one with `mosaic init` or `mosaic demo`" +
                (string.IsNullOrWhiteSpace(db) ? " (or name yours with --db PATH or MOSAIC_DB)" : ""));
        }
        return SqliteMosaicStore.Open(resolved);
    }

    /// <summary>The files output must never be written onto: the SQLite database file (its companions are implied).</summary>
    public static IReadOnlyList<string> Files(string? db)
    {
        var resolved = Resolve(db);
        return IsPostgres(resolved) ? [] : [resolved];
    }
}
