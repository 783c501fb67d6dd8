using Mosaic.Core.Storage;
using Mosaic.Storage.Postgres.Internal;
using Npgsql;

namespace Mosaic.Storage.Postgres;

/// <summary>
/// A Mosaic database on a PostgreSQL server. Holds one <see cref="NpgsqlDataSource"/> (a thread-safe connection
/// pool); every operation takes a pooled connection for its own duration, so streams may be read side by side.
/// Migrations are applied on open, one opener at a time.
/// </summary>
public sealed class PostgresMosaicStore : IMosaicStore
{
    private readonly NpgsqlDataSource _source;

    private PostgresMosaicStore(NpgsqlDataSource source, string description, int schemaVersion, PostgresGeometry geometry, RegistryLayout layout)
    {
        _source = source;
        Description = description;
        SchemaVersion = schemaVersion;
        Geometry = geometry;
        Layout = layout;
        var registry = new PostgresRegistryStore(source);
        Areas = new PostgresAreaStore(source, geometry);
        Registry = registry;
        Mobility = new PostgresMobilityStore(source);
        Hazards = new PostgresHazardStore(source, geometry);
        Scores = new PostgresScoreStore(source);
        AuditLog = new PostgresAuditLog(source);
    }

    public string Description { get; }

    public int SchemaVersion { get; }

    /// <summary>Whether geometry columns are PostGIS geometries (otherwise WKB in bytea).</summary>
    public bool UsesPostGis => Geometry.PostGis;

    internal PostgresGeometry Geometry { get; }

    internal RegistryLayout Layout { get; }

    internal NpgsqlDataSource DataSource => _source;

    public IAreaStore Areas { get; }

    public IRegistryStore Registry { get; }

    public IMobilityStore Mobility { get; }

    public IHazardStore Hazards { get; }

    public IScoreStore Scores { get; }

    public IAuditLog AuditLog { get; }

    /// <summary>Opens a database named by a connection string or a <c>postgres://</c> URI and brings its schema up to date.</summary>
    public static PostgresMosaicStore Open(string db) => Open(db, RegistryLayout.Single);

    internal static PostgresMosaicStore Open(string db, RegistryLayout layoutIfNew)
    {
        var builder = PostgresConnectionString.Parse(db);
        var description = PostgresConnectionString.Describe(builder);
        var source = new NpgsqlDataSourceBuilder(builder.ConnectionString) { Name = description }.Build();
        try
        {
            using var connection = source.OpenConnection();
            var (version, geometry, layout) = PostgresSchema.Migrate(connection, layoutIfNew);
            return new PostgresMosaicStore(source, description, version, geometry, layout);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.InvalidAuthorizationSpecification
                                               or PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InsufficientPrivilege)
        {
            source.Dispose();
            throw new InvalidOperationException($"cannot open the PostgreSQL database {description}: {ex.MessageText}", ex);
        }
        catch (NpgsqlException ex) when (ex is not PostgresException)
        {
            source.Dispose();
            throw new InvalidOperationException($"cannot reach the PostgreSQL database {description}: {ex.Message}", ex);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    public void Dispose() => _source.Dispose();
}
