using Mosaic.Core.Storage;
using Mosaic.Storage.Postgres;
using Mosaic.Storage.Sqlite;

namespace Mosaic.Cli.Infrastructure;

/// <summary>
/// Resolves <c>--db</c> / <c>MOSAIC_DB</c> to a database with Core's <see cref="StoreResolver"/> (DESIGN §3). The
/// provider list below is the only place a storage provider is named: adding one touches no command.
/// </summary>
internal static class StoreLocator
{
    public const string DefaultPath = StoreResolver.DefaultLocation;

    /// <summary>The providers of this build, asked in order; SQLite (any file path) comes last.</summary>
    /// <param name="waiting">Told when a write waits for another writer.</param>
    private static StoreResolver Resolver(Action<string>? waiting) => new([new PostgresStoreProvider(), new SqliteStoreProvider(waiting)]);

    public static string Resolve(string? db) => StoreResolver.Locate(db);

    /// <summary>The database object for <c>--db</c> (nothing is opened or migrated yet).</summary>
    /// <param name="db">The <c>--db</c> value.</param>
    /// <param name="waiting">Told when a write waits for another writer (e.g. printed on stderr).</param>
    public static IMosaicDatabase OpenDatabase(string? db, Action<string>? waiting = null) => Resolver(waiting).Open(Resolve(db));

    /// <summary>
    /// A unit of work for one command, after bringing the schema up to date: each CLI run is its own process, so
    /// it migrates as a server does at start (a no-op when the schema is current). Only <c>init</c>, <c>demo</c> and
    /// the imports pass <paramref name="create"/>: any other command refuses a database that does not exist, so a
    /// mistyped <c>--db</c> or the wrong folder never reads as an empty registry ("Total 0"). A write that has to
    /// wait for another writer says so through <paramref name="waiting"/> and waits (up to half an hour).
    /// </summary>
    public static async Task<IMosaicStore> OpenAsync(string? db, bool create = false, Action<string>? waiting = null,
        CancellationToken cancellationToken = default)
    {
        var database = OpenDatabase(db, waiting);
        try
        {
            if (!create)
                await RequireExistingAsync(database, Resolve(db), explicitly: !string.IsNullOrWhiteSpace(db), cancellationToken);
            await database.MigrateAsync(cancellationToken);
            return new CommandStore(database, await database.OpenStoreAsync(cancellationToken));
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>The files output must never be written onto: the SQLite database file (its companions are implied).</summary>
    public static IReadOnlyList<string> Files(string? db)
    {
        var resolved = Resolve(db);
        return StoreResolver.IsPostgres(resolved) ? [] : [resolved];
    }

    // A file database exists when its file does (connecting would create it); a server database when it has a schema.
    private static async Task RequireExistingAsync(IMosaicDatabase database, string location, bool explicitly, CancellationToken cancellationToken)
    {
        var missing = StoreResolver.IsPostgres(location) ? await database.ReadSchemaVersionAsync(cancellationToken) == 0 : !File.Exists(location);
        if (!missing)
            return;
        throw new CliException(ExitCodes.DatabaseUnavailable,
            $"no database at {database.Description}: create one with `mosaic init` or `mosaic demo`" +
            (explicitly ? "" : " (or name yours with --db PATH or MOSAIC_DB)"));
    }
}
