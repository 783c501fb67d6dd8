using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Postgres;
using Mosaic.Storage.Sqlite;

namespace Mosaic.Server.Infrastructure;

/// <summary>
/// The server's database: the long-lived database object (resolved from <c>Mosaic:Db</c> / <c>MOSAIC_DB</c> by Core's
/// <see cref="StoreResolver"/>), a unit of work per request, and the registry snapshot that every tabulation reads
/// (rebuilt when an import moves the registry's version, whichever process imported).
/// </summary>
internal sealed class MosaicDatabase : IDisposable
{
    /// <summary>The providers of this server, asked in order; SQLite (any file path) comes last, with pooled connections.</summary>
    private static readonly StoreResolver s_resolver = new([new PostgresStoreProvider(), new SqliteStoreProvider(pooled: true)]);

    private readonly IMosaicDatabase _database;

    /// <summary>The database of the server's options (<c>Mosaic:Db</c>, else <c>MOSAIC_DB</c>, else
    /// <c>./mosaic.db</c>).</summary>
    public MosaicDatabase(IOptions<ServerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = s_resolver.Open(StoreResolver.Locate(options.Value.Db));
    }

    /// <summary>Where the database is (never a password).</summary>
    public string Description => _database.Description;

    /// <summary>The columnar snapshot, shared by all requests.</summary>
    public RegistrySnapshotCache Snapshots { get; } = new();

    /// <summary>Brings the schema up to date (once, at start).</summary>
    public Task<int> MigrateAsync(CancellationToken cancellationToken) => _database.MigrateAsync(cancellationToken);

    /// <summary>A unit of work of its own (start-up, background imports, writes); dispose it when done.</summary>
    public Task<IMosaicStore> OpenAsync(CancellationToken cancellationToken) => _database.OpenStoreAsync(cancellationToken);

    /// <summary>
    /// The request's one unit of work, shared by authentication (the token or cookie check) and the handler, and
    /// disposed when the response ends. Opened on first use, so requests that need no database open none. A request's
    /// steps run one after the other, so the check and the open need no lock.
    /// </summary>
    public async Task<IMosaicStore> ForRequestAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items.TryGetValue(s_requestStoreKey, out var existing) && existing is IMosaicStore open)
            return open;
        var store = await _database.OpenStoreAsync(http.RequestAborted);
        http.Items[s_requestStoreKey] = store;
        http.Response.RegisterForDispose(store);
        return store;
    }

    private static readonly object s_requestStoreKey = new();

    /// <summary>Drops the cached registry snapshots and closes the database.</summary>
    public void Dispose()
    {
        Snapshots.Dispose();
        _database.Dispose();
    }
}
