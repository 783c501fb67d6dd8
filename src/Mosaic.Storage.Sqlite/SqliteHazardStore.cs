using System.Globalization;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Hazards;
using Mosaic.Core.Storage;
using Mosaic.Storage.Sqlite.Internal;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Mosaic.Storage.Sqlite;

internal sealed class SqliteHazardStore(SqliteConnection connection) : IHazardStore
{
    // SQLite runs in-process: each call does its work on the caller's thread and returns a completed task, after
    // checking the token (a cancelled write is never begun, so it commits nothing).

    public Task<bool> ReplaceLayerAsync(HazardLayer layer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<bool>(ReplaceLayer(layer));
    }

    public Task<IReadOnlyList<HazardLayer>> ReadLayersAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<HazardLayer>>(ReadLayers());
    }

    public Task<IReadOnlyList<HazardLayerSummary>> ListLayersAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<HazardLayerSummary>>(ListLayers());
    }

    private bool ReplaceLayer(HazardLayer layer)
    {
        var type = HazardTypes.Codes[layer.Type];
        using var tx = connection.BeginTransaction();
        var existing = connection.ExecuteScalar("SELECT id FROM hazard_layer WHERE type = $t AND name = $n", tx, ("$t", type), ("$n", layer.Name));
        if (existing is long oldId)
        {
            connection.Execute("DELETE FROM hazard_polygon WHERE layer_id = $id", tx, ("$id", oldId));
            connection.Execute("DELETE FROM hazard_layer WHERE id = $id", tx, ("$id", oldId));
        }
        var id = (long)connection.ExecuteScalar(
            "INSERT INTO hazard_layer (type, name, source, valid_from, valid_to, imported_at) VALUES ($t, $n, $s, $f, $to, $at) RETURNING id", tx,
            ("$t", type), ("$n", layer.Name), ("$s", layer.Source), ("$f", Date(layer.ValidFrom)), ("$to", Date(layer.ValidTo)),
            ("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)))!;
        using var insert = connection.CreateCommand("INSERT INTO hazard_polygon (layer_id, seq, severity, geometry) VALUES ($l, $q, $s, $g)", tx,
            ("$l", id), ("$q", 0), ("$s", 0.0), ("$g", Array.Empty<byte>()));
        var writer = new WKBWriter();
        var seq = 0;
        foreach (var polygon in layer.Polygons)
        {
            insert.Parameters["$q"].Value = seq++;
            insert.Parameters["$s"].Value = polygon.Severity;
            insert.Parameters["$g"].Value = writer.Write(polygon.Geometry);
            insert.ExecuteNonQuery();
        }
        tx.Commit();
        return existing is not null;
    }

    private List<HazardLayer> ReadLayers()
    {
        var layers = new List<HazardLayer>();
        var reader = new WKBReader(new NetTopologySuite.NtsGeometryServices(new PrecisionModel(), 4326));
        using var cmd = connection.CreateCommand("SELECT id, type, name, source, valid_from, valid_to FROM hazard_layer ORDER BY type, name", null);
        using var polys = connection.CreateCommand("SELECT severity, geometry FROM hazard_polygon WHERE layer_id = $l ORDER BY seq", null, ("$l", 0L));
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var polygons = new List<HazardPolygon>();
            polys.Parameters["$l"].Value = r.GetInt64(0);
            using (var p = polys.ExecuteReader())
            {
                while (p.Read())
                    polygons.Add(new HazardPolygon(reader.Read((byte[])p.GetValue(1)), p.GetDouble(0)));
            }
            layers.Add(new HazardLayer(HazardTypes.Codes.Parse(r.GetString(1)), r.GetString(2), r.GetString(3), polygons)
            {
                ValidFrom = ParseDate(r.GetNullableString(4)),
                ValidTo = ParseDate(r.GetNullableString(5)),
            });
        }
        return layers;
    }

    private List<HazardLayerSummary> ListLayers()
    {
        var result = new List<HazardLayerSummary>();
        using var cmd = connection.CreateCommand(
            "SELECT l.type, l.name, l.source, (SELECT count(*) FROM hazard_polygon p WHERE p.layer_id = l.id), l.imported_at " +
            "FROM hazard_layer l ORDER BY l.type, l.name", null);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            result.Add(new HazardLayerSummary(HazardTypes.Codes.Parse(r.GetString(0)), r.GetString(1), r.GetString(2), r.GetInt32(3),
                DateTimeOffset.Parse(r.GetString(4), CultureInfo.InvariantCulture)));
        }
        return result;
    }

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ParseDate(string? s) => s is null ? null : DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
