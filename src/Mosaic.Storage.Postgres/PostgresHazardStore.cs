using Mosaic.Core.Hazards;
using Mosaic.Core.Storage;
using Mosaic.Storage.Postgres.Internal;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;
using NpgsqlTypes;

namespace Mosaic.Storage.Postgres;

internal sealed class PostgresHazardStore(NpgsqlDataSource dataSource, PostgresGeometry geometry) : IHazardStore
{
    public bool ReplaceLayer(HazardLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var type = HazardTypes.Codes[layer.Type];
        using var connection = dataSource.OpenConnection();
        using var tx = connection.BeginTransaction();
        // ON DELETE CASCADE removes the old layer's polygons.
        var replaced = connection.Execute("DELETE FROM hazard_layer WHERE type = @t AND name = @n", tx, ("t", type), ("n", layer.Name)) > 0;
        var id = (long)connection.Scalar(
            "INSERT INTO hazard_layer (type, name, source, valid_from, valid_to, imported_at) VALUES (@t, @n, @s, @f, @to, now()) RETURNING id", tx,
            ("t", type), ("n", layer.Name), ("s", layer.Source), ("f", Date(layer.ValidFrom)), ("to", Date(layer.ValidTo)))!;
        using var insert = connection.Command(
            $"INSERT INTO hazard_polygon (layer_id, seq, severity, geometry) VALUES (@l, @q, @s, {geometry.FromWkb("@g")})", tx,
            ("l", id), ("q", 0), ("s", 0.0), ("g", Array.Empty<byte>()));
        var writer = new WKBWriter();
        var seq = 0;
        foreach (var polygon in layer.Polygons)
        {
            insert.Parameters["q"].Value = seq++;
            insert.Parameters["s"].Value = polygon.Severity;
            insert.Parameters["g"].Value = writer.Write(polygon.Geometry);
            insert.ExecuteNonQuery();
        }
        tx.Commit();
        return replaced;
    }

    private static object Date(DateOnly? d) => d is { } v ? v : new TypedNull(NpgsqlDbType.Date);

    public IReadOnlyList<HazardLayer> ReadLayers()
    {
        var reader = new WKBReader(new NetTopologySuite.NtsGeometryServices(new PrecisionModel(), 4326));
        var layers = new List<(long Id, HazardLayer Layer)>();
        using var connection = dataSource.OpenConnection();
        using (var cmd = connection.Command("SELECT id, type, name, source, valid_from, valid_to FROM hazard_layer ORDER BY type, name", null))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                layers.Add((r.GetInt64(0), new HazardLayer(HazardTypes.Codes.Parse(r.GetString(1)), r.GetString(2), r.GetString(3), [])
                {
                    ValidFrom = r.GetNullableDate(4),
                    ValidTo = r.GetNullableDate(5),
                }));
            }
        }
        var polygons = layers.ToDictionary(l => l.Id, _ => new List<HazardPolygon>());
        using (var cmd = connection.Command($"SELECT layer_id, severity, {geometry.ToWkb("geometry")} FROM hazard_polygon ORDER BY layer_id, seq", null))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                if (polygons.TryGetValue(r.GetInt64(0), out var list))
                    list.Add(new HazardPolygon(reader.Read(r.GetFieldValue<byte[]>(2)), r.GetDouble(1)));
            }
        }
        return [.. layers.Select(l => l.Layer with { Polygons = polygons[l.Id] })];
    }

    public IReadOnlyList<HazardLayerSummary> ListLayers()
    {
        var result = new List<HazardLayerSummary>();
        using var connection = dataSource.OpenConnection();
        using var cmd = connection.Command(
            "SELECT l.type, l.name, l.source, (SELECT count(*) FROM hazard_polygon p WHERE p.layer_id = l.id)::integer, l.imported_at " +
            "FROM hazard_layer l ORDER BY l.type, l.name", null);
        using var r = cmd.ExecuteReader();
        while (r.Read())
            result.Add(new HazardLayerSummary(HazardTypes.Codes.Parse(r.GetString(0)), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInstant(4)));
        return result;
    }
}
