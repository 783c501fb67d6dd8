using Mosaic.Core.Storage;
using Mosaic.Storage.Postgres.Internal;
using Npgsql;

namespace Mosaic.Storage.Postgres;

/// <summary>
/// A Mosaic database on a PostgreSQL server: one <see cref="NpgsqlDataSource"/> (a thread-safe connection pool)
/// for the process's lifetime. Units of work (<see cref="OpenStoreAsync"/>) take pooled connections per operation, so a
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
    public Task<int> ReadSchemaVersionAsync(CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return (await PostgresSchema.ReadAsync(connection, cancellationToken).ConfigureAwait(false)).Version;
    });

    /// <inheritdoc/>
    public Task<int> MigrateAsync(CancellationToken cancellationToken = default) => MigrateAsync(RegistryLayout.Single, cancellationToken);

    /// <summary>Migrates; a new database gets the registry layout given (a coordinator is created partitioned).</summary>
    internal Task<int> MigrateAsync(RegistryLayout layoutIfNew, CancellationToken cancellationToken) => GuardAsync(async () =>
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return (await PostgresSchema.MigrateAsync(connection, layoutIfNew, cancellationToken).ConfigureAwait(false)).Version;
    });

    /// <inheritdoc/>
    public Task<IMosaicStore> OpenStoreAsync(CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var (version, geometry, layout) = await PostgresSchema.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
        if (version > PostgresMigrations.Latest)
            throw PostgresSchema.Newer(version, Description);
        if (version < PostgresMigrations.Latest)
        {
            throw new StoreException(StoreFailure.OutdatedSchema,
                $"the database ({Description}) has schema version {version}, older than this Mosaic's ({PostgresMigrations.Latest}): run `mosaic init` to migrate it");
        }
        return (IMosaicStore)new PostgresMosaicStore(this, version, geometry, layout);
    });

    /// <summary>Runs <paramref name="action"/>, reporting the driver's failures as store failures (a cancellation passes as it is).</summary>
    internal async Task<T> GuardAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw PostgresErrors.Translate(ex, Description);
        }
    }

    /// <summary>Closes the pool's connections.</summary>
    public void Dispose() => _source.Dispose();
}
