using Microsoft.Data.Sqlite;
using Mosaic.Core.Storage;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite;

/// <summary>
/// A unit of work on an SQLite database (one connection), handed out by <see cref="SqliteDatabase.OpenStoreAsync"/>.
/// Every store it exposes sits behind the provider boundary (<see cref="StoreBoundary{T}"/>), so callers see only
/// <see cref="StoreException"/>s.
/// </summary>
public sealed class SqliteMosaicStore : IMosaicStore
{
    private readonly SqliteConnection _connection;

    internal SqliteMosaicStore(string description, SqliteConnection connection, int schemaVersion)
    {
        Description = description;
        _connection = connection;
        SchemaVersion = schemaVersion;
        Areas = StoreBoundary<IAreaStore>.Wrap(new SqliteAreaStore(connection), description, SqliteErrors.Translator);
        Registry = StoreBoundary<ISqliteRegistry>.Wrap(new SqliteRegistryStore(connection), description, SqliteErrors.Translator);
        Mobility = StoreBoundary<IMobilityStore>.Wrap(new SqliteMobilityStore(connection), description, SqliteErrors.Translator);
        Hazards = StoreBoundary<IHazardStore>.Wrap(new SqliteHazardStore(connection), description, SqliteErrors.Translator);
        Scores = StoreBoundary<ISqliteScores>.Wrap(new SqliteScoreStore(connection), description, SqliteErrors.Translator);
        AuditLog = StoreBoundary<IAuditLog>.Wrap(new SqliteAuditLog(connection), description, SqliteErrors.Translator);
        Users = StoreBoundary<IUserStore>.Wrap(new SqliteUserStore(connection), description, SqliteErrors.Translator);
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public int SchemaVersion { get; }

    /// <inheritdoc/>
    public IAreaStore Areas { get; }

    /// <inheritdoc/>
    public IRegistryStore Registry { get; }

    /// <inheritdoc/>
    public IMobilityStore Mobility { get; }

    /// <inheritdoc/>
    public IHazardStore Hazards { get; }

    /// <inheritdoc/>
    public IScoreStore Scores { get; }

    /// <inheritdoc/>
    public IAuditLog AuditLog { get; }

    /// <inheritdoc/>
    public IUserStore Users { get; }

    /// <summary>
    /// Opens (creating if needed) the database file, brings its schema up to date and returns a unit of work on it:
    /// a shortcut for tools and tests that want one store and nothing else. Synchronous: SQLite works in-process.
    /// </summary>
    public static SqliteMosaicStore Open(string path)
    {
        var database = SqliteDatabase.Open(path);
        database.Migrate();
        return database.OpenStore();
    }

    /// <summary>Test hook: the unit of work's connection (statements of the test's own on the store's connection).</summary>
    internal SqliteConnection Connection => _connection;

    /// <summary>Closes the connection.</summary>
    public void Dispose() => _connection.Dispose();
}
