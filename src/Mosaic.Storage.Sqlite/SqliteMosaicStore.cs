using Microsoft.Data.Sqlite;
using Mosaic.Core.Storage;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite;

/// <summary>A Mosaic database in one SQLite file (WAL mode). Migrations are applied on open.</summary>
public sealed class SqliteMosaicStore : IMosaicStore
{
    private readonly SqliteConnection _connection;

    private SqliteMosaicStore(string path, SqliteConnection connection, int schemaVersion)
    {
        Description = path;
        _connection = connection;
        SchemaVersion = schemaVersion;
        Areas = new SqliteAreaStore(connection);
        Registry = new SqliteRegistryStore(connection);
        Mobility = new SqliteMobilityStore(connection);
        Hazards = new SqliteHazardStore(connection);
        Scores = new SqliteScoreStore(connection);
        AuditLog = new SqliteAuditLog(connection);
        Users = new SqliteUserStore(connection);
    }

    public string Description { get; }

    public int SchemaVersion { get; }

    public IAreaStore Areas { get; }

    public IRegistryStore Registry { get; }

    public IMobilityStore Mobility { get; }

    public IHazardStore Hazards { get; }

    public IScoreStore Scores { get; }

    public IAuditLog AuditLog { get; }

    public IUserStore Users { get; }

    /// <summary>Opens (creating if needed) the database file and brings its schema up to date.</summary>
    public static SqliteMosaicStore Open(string path)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir))
            Directory.CreateDirectory(dir);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            // WAL lets readers (the dashboard) run while an import writes; NORMAL sync is durable in WAL mode
            // except for the last transactions on power loss, which an idempotent re-import recovers.
            connection.Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; " +
                               "PRAGMA busy_timeout = 10000; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;");
            var version = SqliteSchema.Migrate(connection);
            return new SqliteMosaicStore(full, connection, version);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Dispose() => _connection.Dispose();
}
