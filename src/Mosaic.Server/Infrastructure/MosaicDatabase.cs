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
public sealed class MosaicDatabase : IDisposable
{
    /// <summary>The providers of this server, asked in order; SQLite (any file path) comes last.</summary>
    private static readonly StoreResolver s_resolver = new([new PostgresStoreProvider(), new SqliteStoreProvider()]);

    private readonly IMosaicDatabase _database;

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
    public int Migrate() => _database.Migrate();

    /// <summary>A unit of work for one request; dispose it at the end of the request.</summary>
    public IMosaicStore Open() => _database.OpenStore();

    public void Dispose() => _database.Dispose();
}
