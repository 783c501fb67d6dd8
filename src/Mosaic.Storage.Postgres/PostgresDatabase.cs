using Mosaic.Core.Storage;
using Mosaic.Storage.Postgres.Internal;
using Npgsql;

namespace Mosaic.Storage.Postgres;

/// <summary>
/// A Mosaic database on a PostgreSQL server: one <see cref="NpgsqlDataSource"/> (a thread-safe connection pool)
/// for the process's lifetime. Units of work (<see cref="OpenStore"/>) take pooled connections per operation, so a
/// streamed read and another call never share a connection.
/// </summary>
public sealed class PostgresDatabase : IMosaicDatabase
{
    private readonly NpgsqlDataSource _source;

    private PostgresDatabase(NpgsqlDataSource source, string description)
    {
        _source = source;
        Description = description;
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public string Provider => PostgresStoreProvider.ProviderName;

    /// <inheritdoc/>
    public int LatestSchemaVersion => PostgresMigrations.Latest;

    internal NpgsqlDataSource DataSource => _source;

    /// <summary>The database named by a connection string or a <c>postgres://</c> URI (nothing is connected yet).</summary>
    /// <exception cref="StoreException"><see cref="StoreFailure.Unavailable"/> when the value does not parse.</exception>
    public static PostgresDatabase Open(string location)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = PostgresConnectionString.Parse(location);
        }
        catch (ArgumentException ex)
        {
            throw new StoreException(StoreFailure.Unavailable, ex.Message, ex);
        }
        var description = PostgresConnectionString.Describe(builder);
        return new PostgresDatabase(new NpgsqlDataSourceBuilder(builder.ConnectionString) { Name = description }.Build(), description);
    }

    /// <inheritdoc/>
    public int ReadSchemaVersion() => Guard(() =>
    {
        using var connection = _source.OpenConnection();
        return PostgresSchema.Read(connection).Version;
    });

    /// <inheritdoc/>
    public int Migrate() => Migrate(RegistryLayout.Single);

    /// <summary>Migrates; a new database gets the registry layout given (a coordinator is created partitioned).</summary>
    internal int Migrate(RegistryLayout layoutIfNew) => Guard(() =>
    {
        using var connection = _source.OpenConnection();
        return PostgresSchema.Migrate(connection, layoutIfNew).Version;
    });

    /// <inheritdoc/>
    public IMosaicStore OpenStore() => Guard(() =>
    {
        using var connection = _source.OpenConnection();
        var (version, geometry, layout) = PostgresSchema.Read(connection);
        if (version > PostgresMigrations.Latest)
            throw PostgresSchema.Newer(version, Description);
        if (version < PostgresMigrations.Latest)
        {
            throw new StoreException(StoreFailure.OutdatedSchema,
                $"the database ({Description}) has schema version {version}, older than this Mosaic's ({PostgresMigrations.Latest}): run `mosaic init` to migrate it");
        }
        return (IMosaicStore)new PostgresMosaicStore(this, version, geometry, layout);
    });

    internal T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (NpgsqlException ex)
        {
            throw PostgresErrors.Translate(ex, Description);
        }
    }

    /// <summary>Closes the pool's connections.</summary>
    public void Dispose() => _source.Dispose();
}
