using Microsoft.Data.Sqlite;
using Mosaic.Core.Storage;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite;

/// <summary>
/// A Mosaic database in one SQLite file (WAL mode): thread-safe and cheap to keep for a process's lifetime. Holds
/// no connection; each <see cref="OpenStoreAsync"/> opens its own (SQLite connections are cheap to open and cannot be
/// shared between threads).
/// </summary>
public sealed class SqliteDatabase : IMosaicDatabase
{
    private readonly string _connectionString;
    private readonly Action<string> _waiting;

    /// <summary>Native connections (kept by the pool) whose per-connection settings are already made.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> s_configured = [];
    private static readonly object s_configuredMark = new();

    private readonly bool _pooled;

    private SqliteDatabase(string path, Action<string>? waiting, bool pooled)
    {
        _pooled = pooled;
        Description = path;
        _waiting = waiting ?? (_ => { });
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = pooled,
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
    /// <param name="pooled">
    /// Keep closed connections open for the next unit of work (a long-running server: opening the file for every
    /// request costs more than most requests). Off for commands, which open a few units of work and exit, and leave no
    /// handle on the file behind them.
    /// </param>
    public static SqliteDatabase Open(string path, Action<string>? waiting = null, bool pooled = false) => new(Path.GetFullPath(path), waiting, pooled);

    /// <inheritdoc/>
    public Task<int> ReadSchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Connect();
        return Task.FromResult(Guard(() => SqliteSchema.Version(connection)));
    }

    /// <inheritdoc/>
    public Task<int> MigrateAsync(CancellationToken cancellationToken = default) => Task.FromResult(Migrate(cancellationToken));

    /// <summary>
    /// <see cref="MigrateAsync"/> on the caller's thread (SQLite works in-process): each migration in its own
    /// transaction; a cancelled token interrupts the statement running, whose migration is rolled back.
    /// </summary>
    internal int Migrate(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Connect();
        return Guard(() => SqliteSchema.Migrate(connection, Description, cancellationToken));
    }

    /// <inheritdoc/>
    public Task<IMosaicStore> OpenStoreAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IMosaicStore>(OpenStore());
    }

    /// <summary><see cref="OpenStoreAsync"/> on the caller's thread (SQLite opens its file in-process).</summary>
    internal SqliteMosaicStore OpenStore()
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

    /// <summary>Closes the pooled connections (nothing else to release: connections belong to the units of work).</summary>
    public void Dispose()
    {
        if (_pooled)
        {
            using var connection = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(connection);
        }
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
                // A pooled connection keeps its settings: set them once per native connection.
                if (_pooled && s_configured.TryGetValue(connection.Handle!, out _))
                    return 0;
                if (_pooled)
                    s_configured.AddOrUpdate(connection.Handle!, s_configuredMark);
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

    /// <summary>Runs <paramref name="action"/>, reporting SQLite's failures as store failures and an interrupted statement as a cancellation.</summary>
    private TResult Guard<TResult>(Func<TResult> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translator(ex, Description)!;
        }
    }
}
