using Microsoft.Data.Sqlite;
using Mosaic.Core.Mobility;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite;

internal sealed partial class SqliteMobilityStore
{
    private UpsertCounts UpsertFlows(IReadOnlyCollection<FlowMonitoringPoint> points, IReadOnlyCollection<FlowObservation> observations,
        CancellationToken cancellationToken)
    {
        int inserted = 0, updated = 0, unchanged = 0;
        using var tx = connection.BeginTransaction();
        using (var point = connection.CreateCommand(
            "INSERT INTO flow_point (code, name, point_type, area_pcode, lat, lon, countries) VALUES ($c, $n, $t, $a, $lat, $lon, $k) " +
            "ON CONFLICT (code) DO UPDATE SET name = excluded.name, point_type = excluded.point_type, area_pcode = excluded.area_pcode, " +
            "lat = excluded.lat, lon = excluded.lon, countries = excluded.countries", tx,
            ("$c", ""), ("$n", ""), ("$t", ""), ("$a", null), ("$lat", null), ("$lon", null), ("$k", "")))
        {
            foreach (var p in points)
            {
                cancellationToken.ThrowIfCancellationRequested();
                object?[] values = [p.Code, p.Name, MobilityCodes.PointType[p.Type], p.AreaPcode, p.Location?.Latitude, p.Location?.Longitude, string.Join(' ', p.Countries)];
                for (var i = 0; i < values.Length; i++)
                    point.Parameters[i].Value = values[i] ?? DBNull.Value;
                point.ExecuteNonQuery();
            }
        }

        var names = MobilityColumns.Observation.Split(", ");
        using var find = connection.CreateCommand("SELECT id, fingerprint, point_code FROM flow_observation WHERE record_id = $id", tx, ("$id", ""));
        find.Prepare();
        using var insert = Prepared(tx,
            $"INSERT INTO flow_observation ({MobilityColumns.Observation}) VALUES ({string.Join(", ", names.Select((_, i) => "$" + i))})", names.Length);
        using var update = Prepared(tx,
            $"UPDATE flow_observation SET {string.Join(", ", names.Select((n, i) => $"{n} = ${i}"))} WHERE id = ${names.Length}", names.Length + 1);
        var touched = new HashSet<string>(StringComparer.Ordinal);
        var now = DateTimeOffset.UtcNow.ToString("O", s_inv);
        foreach (var o in observations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fingerprint = AssessmentFingerprint.Of(o);
            find.Parameters[0].Value = o.RecordId;
            long id;
            using (var r = find.ExecuteReader())
            {
                id = r.Read() ? r.GetInt64(0) : 0;
                if (id != 0 && ((byte[])r.GetValue(1)).AsSpan().SequenceEqual(fingerprint))
                {
                    unchanged++;
                    continue;
                }
                // An update may move the group to another point: the old point's totals change too.
                if (id != 0)
                    touched.Add(r.GetString(2));
            }
            var cmd = id == 0 ? insert : update;
            BindObservation(cmd, o, fingerprint, now);
            if (id != 0)
                cmd.Parameters[names.Length].Value = id;
            cmd.ExecuteNonQuery();
            if (id == 0)
                inserted++;
            else
                updated++;
            touched.Add(o.PointCode);
        }

        foreach (var code in touched)
        {
            connection.Execute("DELETE FROM flow_daily WHERE point_code = $p", tx, ("$p", code));
            connection.Execute(
                "INSERT INTO flow_daily (point_code, date, direction, reason, traveller_type, persons, observations) " +
                "SELECT point_code, date, direction, reason, traveller_type, sum(total), count(*) FROM flow_observation " +
                "WHERE point_code = $p GROUP BY date, direction, reason, traveller_type", tx, ("$p", code));
        }
        cancellationToken.ThrowIfCancellationRequested();
        tx.Commit();
        return new UpsertCounts(inserted, updated, unchanged);
    }

    private static void BindObservation(SqliteCommand cmd, FlowObservation o, byte[] fingerprint, string now)
    {
        var c = o.Counts;
        var p = o.Provenance;
        object?[] values =
        [
            o.RecordId, fingerprint, o.PointCode, o.Date.ToString(MobilityColumns.DateFormat, s_inv), MobilityCodes.Direction[o.Direction],
            c.Male0To4, c.Male5To17, c.Male18To59, c.Male60Plus, c.Female0To4, c.Female5To17, c.Female18To59, c.Female60Plus, c.Total,
            o.Nationality, o.PreviousLocation, o.NextLocation, MobilityCodes.Reason[o.Reason], MobilityCodes.Transport[o.Transport],
            MobilityCodes.TravellerType[o.TravellerType], p?.SourceFile, p?.SourceRow, p?.ImportedAt.ToString("O", s_inv) ?? now,
        ];
        for (var i = 0; i < values.Length; i++)
            cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
    }

    private List<FlowMonitoringPoint> ReadFlowPoints()
    {
        var result = new List<FlowMonitoringPoint>();
        using var cmd = connection.CreateCommand("SELECT code, name, point_type, area_pcode, lat, lon, countries FROM flow_point ORDER BY code", null);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            GeoPoint? location = r.IsDBNull(4) || r.IsDBNull(5) ? null : new GeoPoint(r.GetDouble(4), r.GetDouble(5));
            var countries = r.GetString(6);
            result.Add(new FlowMonitoringPoint(r.GetString(0), r.GetString(1), MobilityCodes.PointType.Parse(r.GetString(2)),
                r.GetNullableString(3), location, countries.Length == 0 ? [] : countries.Split(' ')));
        }
        return result;
    }

    private IEnumerable<FlowObservation> ReadFlowObservations(string? pointCode)
    {
        using var cmd = connection.CreateCommand(
            $"SELECT {MobilityColumns.Observation} FROM flow_observation{(pointCode is null ? "" : " WHERE point_code = $p")} ORDER BY point_code, date, id",
            null, ("$p", pointCode));
        using var r = cmd.ExecuteReader();
        var cells = new int[8];
        while (r.Read())
        {
            for (var i = 0; i < 8; i++)
                cells[i] = r.GetInt32(5 + i);
            yield return new FlowObservation(r.GetString(0), r.GetString(2), ParseDate(r.GetString(3)), MobilityCodes.Direction.Parse(r.GetString(4)),
                FlowCounts.FromCells(cells, r.GetInt32(13)), r.GetNullableString(14), r.GetNullableString(15), r.GetNullableString(16),
                MobilityCodes.Reason.Parse(r.GetString(17)), MobilityCodes.Transport.Parse(r.GetString(18)), MobilityCodes.TravellerType.Parse(r.GetString(19)))
            {
                Provenance = new Provenance(r.GetNullableString(20) ?? "", r.IsDBNull(21) ? 0 : r.GetInt64(21), DateTimeOffset.Parse(r.GetString(22), s_inv)),
            };
        }
    }

    private List<FlowDailyTotal> ReadFlowDailyTotals(string? pointCode)
    {
        var result = new List<FlowDailyTotal>();
        using var cmd = connection.CreateCommand(
            "SELECT point_code, date, direction, reason, traveller_type, persons, observations FROM flow_daily" +
            (pointCode is null ? "" : " WHERE point_code = $p") + " ORDER BY point_code, date, direction, reason, traveller_type", null, ("$p", pointCode));
        using var r = cmd.ExecuteReader();
        // Few distinct values per column: parse each once.
        var points = new Dictionary<string, string>(StringComparer.Ordinal);
        var dates = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        while (r.Read())
        {
            var point = r.GetString(0);
            if (!points.TryGetValue(point, out var pooled))
                points[point] = pooled = point;
            var dateText = r.GetString(1);
            if (!dates.TryGetValue(dateText, out var date))
                dates[dateText] = date = ParseDate(dateText);
            result.Add(new FlowDailyTotal(pooled, date, r.GetString(2) == "in" ? FlowDirection.In : FlowDirection.Out,
                MobilityCodes.Reason.Parse(r.GetString(3)), MobilityCodes.TravellerType.Parse(r.GetString(4)), r.GetInt64(5), r.GetInt32(6)));
        }
        return result;
    }

    private FlowTotals ReadFlowTotals(DateOnly? from, DateOnly? to, DateOnly? split)
    {
        // One pass in SQLite over the daily totals, a few hundred rows out; .NET folds them into the three views.
        using var cmd = connection.CreateCommand(
            "SELECT point_code, direction, reason, traveller_type, min(date), max(date), sum(persons), " +
            "sum(CASE WHEN date < $split THEN persons ELSE 0 END) FROM flow_daily " +
            "WHERE ($from IS NULL OR date >= $from) AND ($to IS NULL OR date <= $to) GROUP BY point_code, direction, reason, traveller_type", null,
            ("$from", from?.ToString(MobilityColumns.DateFormat, s_inv)), ("$to", to?.ToString(MobilityColumns.DateFormat, s_inv)),
            ("$split", split?.ToString(MobilityColumns.DateFormat, s_inv)));
        using var r = cmd.ExecuteReader();
        var directions = new Dictionary<(string, FlowDirection), FlowDirectionTotal>();
        var reasons = new Dictionary<(string, FlowDirection, string), long>();
        var travellers = new Dictionary<(string, FlowDirection, string), long>();
        while (r.Read())
        {
            var point = r.GetString(0);
            var direction = MobilityCodes.Direction.Parse(r.GetString(1));
            var (first, last, persons, before) = (ParseDate(r.GetString(4)), ParseDate(r.GetString(5)), r.GetInt64(6), r.GetInt64(7));
            directions[(point, direction)] = directions.TryGetValue((point, direction), out var d)
                ? d with
                {
                    First = first < d.First ? first : d.First,
                    Last = last > d.Last ? last : d.Last,
                    Persons = d.Persons + persons,
                    PersonsBeforeSplit = d.PersonsBeforeSplit + before,
                }
                : new FlowDirectionTotal(point, direction, first, last, persons, before);
            var reason = (point, direction, r.GetString(2));
            reasons[reason] = reasons.GetValueOrDefault(reason) + persons;
            var traveller = (point, direction, r.GetString(3));
            travellers[traveller] = travellers.GetValueOrDefault(traveller) + persons;
        }
        return new FlowTotals([.. directions.Values],
            [.. reasons.Select(kv => new FlowCategoryTotal(kv.Key.Item1, kv.Key.Item2, kv.Key.Item3, kv.Value))],
            [.. travellers.Select(kv => new FlowCategoryTotal(kv.Key.Item1, kv.Key.Item2, kv.Key.Item3, kv.Value))]);
    }

    private IEnumerable<RegisteredMover> ReadRegisteredMovers(string? areaPcode)
    {
        var statuses = string.Join(", ", new[] { MigratoryStatus.Idp, MigratoryStatus.IdpReturnee, MigratoryStatus.Returnee,
            MigratoryStatus.InternationalMigrant, MigratoryStatus.Refugee }.Select(s => $"'{Codes.MigratoryStatus[s]}'"));
        using var cmd = connection.CreateCommand(
            "SELECT h.area_pcode, p.move_date, p.mig_status, p.sex, p.age, p.disability, p.prev_country, p.prev_pcode, p.move_reason, p.record_key " +
            $"FROM person p JOIN household h ON h.id = p.household_id WHERE p.move_date IS NOT NULL AND p.mig_status IN ({statuses})" +
            (areaPcode is null ? "" : $" AND h.area_pcode IN ({RegistryColumns.SubtreePcodes})") +
            " ORDER BY h.id, p.line", null, ("$area", areaPcode));
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var reason = r.GetNullableString(8);
            yield return new RegisteredMover(r.GetString(0), ParseDate(r.GetString(1)), Codes.MigratoryStatus.Parse(r.GetString(2)),
                Codes.Sex.Parse(r.GetString(3)), r.GetNullableInt(4), r.GetNullableBool(5), r.GetNullableString(6), r.GetNullableString(7),
                reason is null ? null : Codes.MoveReason.Parse(reason), (uint)r.GetInt64(9));
        }
    }
}
