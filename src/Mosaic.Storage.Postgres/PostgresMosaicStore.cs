using Mosaic.Core.Storage;
using Mosaic.Storage.Postgres.Internal;

namespace Mosaic.Storage.Postgres;

/// <summary>
/// A unit of work on a PostgreSQL database, handed out by <see cref="PostgresDatabase.OpenStoreAsync"/>. Every store it
/// exposes sits behind the provider boundary (<see cref="StoreBoundary{T}"/>), so callers see only
/// <see cref="StoreException"/>s.
/// </summary>
public sealed class PostgresMosaicStore : IMosaicStore
{
    private readonly PostgresDatabase? _owned;

    internal PostgresMosaicStore(PostgresDatabase database, int schemaVersion, PostgresGeometry geometry, RegistryLayout layout, bool owns = false)
    {
        _owned = owns ? database : null;
        var source = database.DataSource;
        var description = database.Description;
        Description = description;
        SchemaVersion = schemaVersion;
        UsesPostGis = geometry.PostGis;
        IsPartitioned = layout == RegistryLayout.Partitioned;
        Areas = StoreBoundary<IAreaStore>.Wrap(new PostgresAreaStore(source, geometry), description, PostgresErrors.Translator);
        Registry = StoreBoundary<IPostgresRegistry>.Wrap(new PostgresRegistryStore(source), description, PostgresErrors.Translator);
        Mobility = StoreBoundary<IMobilityStore>.Wrap(new PostgresMobilityStore(source), description, PostgresErrors.Translator);
        Hazards = StoreBoundary<IHazardStore>.Wrap(new PostgresHazardStore(source, geometry), description, PostgresErrors.Translator);
        Scores = StoreBoundary<IScoreStore>.Wrap(new PostgresScoreStore(source), description, PostgresErrors.Translator);
        AuditLog = StoreBoundary<IAuditLog>.Wrap(new PostgresAuditLog(source), description, PostgresErrors.Translator);
        Users = StoreBoundary<IUserStore>.Wrap(new PostgresUserStore(source), description, PostgresErrors.Translator);
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public int SchemaVersion { get; }

    /// <summary>Whether geometry columns are PostGIS geometries (otherwise WKB in bytea).</summary>
    public bool UsesPostGis { get; }

    /// <summary>Whether the registry is partitioned by admin-1 (a scaled-out coordinator, docs/scale-out.md).</summary>
    public bool IsPartitioned { get; }

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
    /// Opens the database, brings its schema up to date and returns a unit of work that also closes the database:
    /// a shortcut for tools and tests that want one store and nothing else.
    /// </summary>
    /// <param name="location">A connection string or a <c>postgres://</c> URI.</param>
    /// <param name="cancellationToken">Stops the migration and the open.</param>
    public static async Task<PostgresMosaicStore> OpenAsync(string location, CancellationToken cancellationToken = default)
    {
        var database = PostgresDatabase.Open(location);
        try
        {
            await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            var store = (PostgresMosaicStore)await database.OpenStoreAsync(cancellationToken).ConfigureAwait(false);
            return new PostgresMosaicStore(database, store.SchemaVersion, new PostgresGeometry(store.UsesPostGis),
                store.IsPartitioned ? RegistryLayout.Partitioned : RegistryLayout.Single, owns: true);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>Pooled connections belong to the database object; a store opened by <see cref="OpenAsync"/> closes it.</summary>
    public void Dispose() => _owned?.Dispose();
}
