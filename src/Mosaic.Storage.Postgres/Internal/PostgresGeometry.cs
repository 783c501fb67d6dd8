namespace Mosaic.Storage.Postgres.Internal;

/// <summary>
/// How geometries are stored: PostGIS columns (SRID 4326, GiST-indexed) when the extension is installed in the
/// database, WKB in <c>bytea</c> otherwise. Either way Mosaic reads and writes WKB, so the two are interchangeable
/// for every command; PostGIS only adds spatial SQL for other tools.
/// </summary>
internal sealed record PostgresGeometry(bool PostGis)
{
    /// <summary>The column type used in migrations.</summary>
    public string ColumnType => PostGis ? "geometry(Geometry, 4326)" : "bytea";

    /// <summary>SQL turning a WKB parameter into a column value.</summary>
    public string FromWkb(string parameter) => PostGis ? $"ST_GeomFromWKB({parameter}, 4326)" : parameter;

    /// <summary>SQL reading a column as WKB.</summary>
    public string ToWkb(string column) => PostGis ? $"ST_AsBinary({column})" : column;
}
