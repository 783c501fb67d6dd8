using Microsoft.Data.Sqlite;
using Mosaic.Core.Storage;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite;

/// <summary>
/// A Mosaic database in one SQLite file (WAL mode): thread-safe and cheap to keep for a process's lifetime. Holds
/// no connection; each <see cref="OpenStore"/> opens its own (SQLite connections are cheap to open and cannot be
/// shared between threads).
/// </summary>
public sealed class SqliteDatabase : IMosaicDatabase
{
    private readonly string _connectionString;
    private readonly Action<string> _waiting;

    private SqliteDatabase(string path, Action<string>? waiting)
    {
        Description = path;
        _waiting = waiting ?? (_ => { });
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public string Provider => SqliteStoreProvider.ProviderName;

    /// <inheritdoc/>
    public int LatestSchemaVersion => SqliteMigrations.Latest;

    /// <summary>The database in a file (created, with its directory, when first connected to).</summary>
    /// <param name="path">The file.</param>
    /// <param name="waiting">Told, once per wait, when a write waits for another writer to finish (e.g. to show it).</param>
    public static SqliteDatabase Open(string path, Action<string>? waiting = null) => new(Path.GetFullPath(path), waiting);

    /// <inheritdoc/>
    public int ReadSchemaVersion()
    {
        using var connection = Connect();
        return Guard(() => SqliteSchema.Version(connection));
    }

    /// <inheritdoc/>
    public int Migrate()
    {
        using var connection = Connect();
        return Guard(() => SqliteSchema.Migrate(connection, Description));
    }

    /// <inheritdoc/>
    public IMosaicStore OpenStore()
    {
        var connection = Connect();
        try
        {
            var version = Guard(() => SqliteSchema.Version(connection));
            SqliteSchema.RequireCurrent(version, Description);
            return new SqliteMosaicStore(Description, connection, version);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Nothing to release: connections belong to the units of work.</summary>
    public void Dispose()
    {
    }

    private SqliteConnection Connect()
    {
        var dir = Path.GetDirectoryName(Description);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            if (!string.IsNullOrEmpty(dir))
                Directory.CreateDirectory(dir);
            Guard(() =>
            {
                connection.Open();
                // Writers queue behind each other (visibly) instead of failing after a fixed timeout.
                BusyWaiter.Install(connection, Description, _waiting);
                // WAL lets readers (the dashboard) run while an import writes; NORMAL sync is durable in WAL mode
                // except for the last transactions on power loss, which an idempotent re-import recovers.
                return connection.Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; " +
                                          "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;");
            });
            return connection;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            connection.Dispose();
            throw new StoreException(StoreFailure.Unavailable, $"the database cannot be opened ({Description}): {ex.Message}", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private TResult Guard<TResult>(Func<TResult> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, Description);
        }
    }
}
