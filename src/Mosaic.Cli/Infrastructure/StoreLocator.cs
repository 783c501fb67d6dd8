using Mosaic.Core.Storage;
using Mosaic.Storage.Postgres;
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
    public static bool IsPostgres(string db) => PostgresConnectionString.Matches(db);

    public static IMosaicStore Open(string? db)
    {
        var resolved = Resolve(db);
        if (!IsPostgres(resolved))
            return SqliteMosaicStore.Open(resolved);
        try
        {
            return PostgresMosaicStore.Open(resolved);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            throw new CliException(ExitCodes.DatabaseUnavailable, ex.Message);
        }
    }
}
