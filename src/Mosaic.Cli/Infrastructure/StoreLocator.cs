using Mosaic.Core.Storage;
using Mosaic.Storage.Postgres;
using Mosaic.Storage.Sqlite;

namespace Mosaic.Cli.Infrastructure;

/// <summary>
/// Resolves <c>--db</c> / <c>MOSAIC_DB</c> to a database with Core's <see cref="StoreResolver"/> (DESIGN §3). The
/// provider list below is the only place a storage provider is named: adding one touches no command.
/// </summary>
public static class StoreLocator
{
    public const string DefaultPath = StoreResolver.DefaultLocation;

    /// <summary>The providers of this build, asked in order; SQLite (any file path) comes last.</summary>
    private static readonly StoreResolver s_resolver = new([new PostgresStoreProvider(), new SqliteStoreProvider()]);

    public static string Resolve(string? db) => StoreResolver.Locate(db);

    /// <summary>The database object for <c>--db</c> (nothing is opened or migrated yet).</summary>
    public static IMosaicDatabase OpenDatabase(string? db) => s_resolver.Open(Resolve(db));

    /// <summary>
    /// A unit of work for one command, after bringing the schema up to date: each CLI run is its own process, so
    /// it migrates as a server does at start (a no-op when the schema is current).
    /// </summary>
    public static IMosaicStore Open(string? db)
    {
        var database = OpenDatabase(db);
        try
        {
            database.Migrate();
            return new CommandStore(database, database.OpenStore());
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }
}
