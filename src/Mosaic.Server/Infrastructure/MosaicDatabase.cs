using Microsoft.Extensions.Options;
using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Sqlite;

namespace Mosaic.Server.Infrastructure;

/// <summary>
/// The server's database: opens a short-lived store per request and keeps the registry snapshot that every
/// tabulation reads (rebuilt when an import moves the registry's version, whichever process imported).
/// </summary>
public sealed class MosaicDatabase(IOptions<ServerOptions> options)
{
    private readonly string _path = Path.GetFullPath(options.Value.ResolvedDb);

    /// <summary>The database file.</summary>
    public string Description => _path;

    /// <summary>The columnar snapshot, shared by all requests.</summary>
    public RegistrySnapshotCache Snapshots { get; } = new();

    /// <summary>A store for one request; dispose it at the end of the request.</summary>
    public IMosaicStore Open() => SqliteMosaicStore.Open(_path);
}
