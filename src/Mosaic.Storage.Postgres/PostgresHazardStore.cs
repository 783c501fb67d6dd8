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
    public async Task<bool> ReplaceLayerAsync(HazardLayer layer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var type = HazardTypes.Codes[layer.Type];
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // ON DELETE CASCADE removes the old layer's polygons.
        var replaced = (await connection.ExecuteAsync("DELETE FROM hazard_layer WHERE type = @t AND name = @n", tx, cancellationToken, ("t", type), ("n", layer.Name)).ConfigureAwait(false)) > 0;
        var id = (long)(await connection.ScalarAsync(
            "INSERT INTO hazard_layer (type, name, source, valid_from, valid_to, imported_at) VALUES (@t, @n, @s, @f, @to, now()) RETURNING id", tx, cancellationToken, ("t", type), ("n", layer.Name), ("s", layer.Source), ("f", Date(layer.ValidFrom)), ("to", Date(layer.ValidTo))).ConfigureAwait(false))!;
        await using var insert = connection.Command(
            $"INSERT INTO hazard_polygon (layer_id, seq, severity, geometry) VALUES (@l, @q, @s, {geometry.FromWkb("@g")})", tx,
            ("l", id), ("q", 0), ("s", 0.0), ("g", Array.Empty<byte>()));
        var writer = new WKBWriter();
        var seq = 0;
        foreach (var polygon in layer.Polygons)
        {
            insert.Parameters["q"].Value = seq++;
            insert.Parameters["s"].Value = polygon.Severity;
            insert.Parameters["g"].Value = writer.Write(polygon.Geometry);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return replaced;
    }

    private static object Date(DateOnly? d) => d is { } v ? v : new TypedNull(NpgsqlDbType.Date);

    public async Task<IReadOnlyList<HazardLayer>> ReadLayersAsync(CancellationToken cancellationToken = default)
    {
        var reader = new WKBReader(new NetTopologySuite.NtsGeometryServices(new PrecisionModel(), 4326));
        var layers = new List<(long Id, HazardLayer Layer)>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var cmd = connection.Command("SELECT id, type, name, source, valid_from, valid_to FROM hazard_layer ORDER BY type, name", null))
        await using (var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                layers.Add((r.GetInt64(0), new HazardLayer(HazardTypes.Codes.Parse(r.GetString(1)), r.GetString(2), r.GetString(3), [])
                {
                    ValidFrom = r.GetNullableDate(4),
                    ValidTo = r.GetNullableDate(5),
                }));
            }
        }
        var polygons = layers.ToDictionary(l => l.Id, _ => new List<HazardPolygon>());
        await using (var cmd = connection.Command($"SELECT layer_id, severity, {geometry.ToWkb("geometry")} FROM hazard_polygon ORDER BY layer_id, seq", null))
        await using (var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (polygons.TryGetValue(r.GetInt64(0), out var list))
                    list.Add(new HazardPolygon(reader.Read(r.GetFieldValue<byte[]>(2)), r.GetDouble(1)));
            }
        }
        return [.. layers.Select(l => l.Layer with { Polygons = polygons[l.Id] })];
    }

    public async Task<IReadOnlyList<HazardLayerSummary>> ListLayersAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<HazardLayerSummary>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command(
            "SELECT l.type, l.name, l.source, (SELECT count(*) FROM hazard_polygon p WHERE p.layer_id = l.id)::integer, l.imported_at " +
            "FROM hazard_layer l ORDER BY l.type, l.name", null);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            result.Add(new HazardLayerSummary(HazardTypes.Codes.Parse(r.GetString(0)), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInstant(4)));
        return result;
    }
}
