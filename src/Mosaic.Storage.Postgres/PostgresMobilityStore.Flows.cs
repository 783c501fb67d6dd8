using System.Runtime.CompilerServices;
using Mosaic.Core.Mobility;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Storage.Postgres.Internal;
using NpgsqlTypes;

namespace Mosaic.Storage.Postgres;

internal sealed partial class PostgresMobilityStore
{
    public async Task<UpsertCounts> UpsertFlowsAsync(IReadOnlyCollection<FlowMonitoringPoint> points, IReadOnlyCollection<FlowObservation> observations,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(observations);
        int inserted = 0, updated = 0, unchanged = 0;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var point = await PreparedCommand.PrepareAsync(connection, tx,
            "INSERT INTO flow_point (code, name, point_type, area_pcode, lat, lon, countries) VALUES ($1, $2, $3, $4, $5, $6, $7) " +
            "ON CONFLICT (code) DO UPDATE SET name = excluded.name, point_type = excluded.point_type, area_pcode = excluded.area_pcode, " +
            "lat = excluded.lat, lon = excluded.lon, countries = excluded.countries", cancellationToken,
            NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Double, NpgsqlDbType.Double, NpgsqlDbType.Text)
            .ConfigureAwait(false))
        {
            foreach (var p in points)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await point.SetAll([p.Code, p.Name, MobilityCodes.PointType[p.Type], p.AreaPcode, p.Location?.Latitude, p.Location?.Longitude, string.Join(' ', p.Countries)])
                    .ExecuteAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var names = MobilityColumns.Observation.Split(", ");
        await using var find = await PreparedCommand.PrepareAsync(connection, tx, "SELECT id, fingerprint, point_code FROM flow_observation WHERE record_id = $1",
            cancellationToken, NpgsqlDbType.Text).ConfigureAwait(false);
        await using var insert = await PreparedCommand.PrepareAsync(connection, tx,
            $"INSERT INTO flow_observation ({MobilityColumns.Observation}) VALUES ({Positional(1, names.Length)})", cancellationToken,
            MobilityColumns.ObservationTypes).ConfigureAwait(false);
        await using var update = await PreparedCommand.PrepareAsync(connection, tx,
            $"UPDATE flow_observation SET {string.Join(", ", names.Select((n, i) => $"{n} = ${(i + 1).ToString(s_inv)}"))} " +
            $"WHERE id = ${(names.Length + 1).ToString(s_inv)}", cancellationToken, [.. MobilityColumns.ObservationTypes, NpgsqlDbType.Bigint]).ConfigureAwait(false);
        var touched = new HashSet<string>(StringComparer.Ordinal);
        var now = DateTimeOffset.UtcNow;
        var values = new object?[names.Length + 1];
        foreach (var o in observations)
        {
            // Npgsql answers a statement without looking at the token when nothing is to be waited for: check it per record.
            cancellationToken.ThrowIfCancellationRequested();
            var fingerprint = AssessmentFingerprint.Of(o);
            long id = 0;
            await using (var r = await find.Set(0, o.RecordId).ReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    id = r.GetInt64(0);
                    if (r.GetFieldValue<byte[]>(1).AsSpan().SequenceEqual(fingerprint))
                    {
                        unchanged++;
                        continue;
                    }
                    // An update may move the group to another point: the old point's totals change too.
                    touched.Add(r.GetString(2));
                }
            }
            FillObservation(values, o, fingerprint, now);
            if (id == 0)
            {
                await insert.SetAll(values.AsSpan(0, names.Length)).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                inserted++;
            }
            else
            {
                values[names.Length] = id;
                await update.SetAll(values).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                updated++;
            }
            touched.Add(o.PointCode);
        }
        if (touched.Count > 0)
        {
            var codes = touched.ToArray();
            await connection.ExecuteAsync("DELETE FROM flow_daily WHERE point_code = ANY(@p)", tx, cancellationToken, ("p", codes)).ConfigureAwait(false);
            await connection.ExecuteAsync(
                "INSERT INTO flow_daily (point_code, date, direction, reason, traveller_type, persons, observations) " +
                "SELECT point_code, date, direction, reason, traveller_type, sum(total), count(*) FROM flow_observation " +
                "WHERE point_code = ANY(@p) GROUP BY point_code, date, direction, reason, traveller_type", tx, cancellationToken, ("p", codes)).ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new UpsertCounts(inserted, updated, unchanged);
    }

    private static void FillObservation(object?[] v, FlowObservation o, byte[] fingerprint, DateTimeOffset now)
    {
        var c = o.Counts;
        var p = o.Provenance;
        object?[] row =
        [
            o.RecordId, fingerprint, o.PointCode, o.Date, MobilityCodes.Direction[o.Direction],
            c.Male0To4, c.Male5To17, c.Male18To59, c.Male60Plus, c.Female0To4, c.Female5To17, c.Female18To59, c.Female60Plus, c.Total,
            o.Nationality, o.PreviousLocation, o.NextLocation, MobilityCodes.Reason[o.Reason], MobilityCodes.Transport[o.Transport],
            MobilityCodes.TravellerType[o.TravellerType], p?.SourceFile, p?.SourceRow, (p?.ImportedAt ?? now).ToUniversalTime(),
        ];
        row.CopyTo(v, 0);
    }

    public async Task<IReadOnlyList<FlowMonitoringPoint>> ReadFlowPointsAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<FlowMonitoringPoint>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("SELECT code, name, point_type, area_pcode, lat, lon, countries FROM flow_point ORDER BY code", null);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            GeoPoint? location = r.IsDBNull(4) || r.IsDBNull(5) ? null : new GeoPoint(r.GetDouble(4), r.GetDouble(5));
            var countries = r.GetString(6);
            result.Add(new FlowMonitoringPoint(r.GetString(0), r.GetString(1), MobilityCodes.PointType.Parse(r.GetString(2)),
                r.GetNullableString(3), location, countries.Length == 0 ? [] : countries.Split(' ')));
        }
        return result;
    }

    public async IAsyncEnumerable<FlowObservation> ReadFlowObservationsAsync(string? pointCode = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command(
            $"SELECT {MobilityColumns.Observation} FROM flow_observation{(pointCode is null ? "" : " WHERE point_code = @p")} ORDER BY point_code, date, id",
            null, ("p", pointCode));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var cells = new int[8];
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // Npgsql answers buffered rows without looking at the token: a cancellation stops the stream at the next row.
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < 8; i++)
                cells[i] = r.GetInt32(5 + i);
            yield return new FlowObservation(r.GetString(0), r.GetString(2), r.GetFieldValue<DateOnly>(3), MobilityCodes.Direction.Parse(r.GetString(4)),
                FlowCounts.FromCells(cells, r.GetInt32(13)), r.GetNullableString(14), r.GetNullableString(15), r.GetNullableString(16),
                MobilityCodes.Reason.Parse(r.GetString(17)), MobilityCodes.Transport.Parse(r.GetString(18)), MobilityCodes.TravellerType.Parse(r.GetString(19)))
            {
                Provenance = new Provenance(r.GetNullableString(20) ?? "", r.GetNullableLong(21) ?? 0, r.GetInstant(22)),
            };
        }
    }
}
