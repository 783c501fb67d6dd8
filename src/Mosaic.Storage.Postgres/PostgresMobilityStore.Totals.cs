using Mosaic.Core.Mobility;
using Mosaic.Core.Mobility.Analysis;
using Mosaic.Storage.Postgres.Internal;

namespace Mosaic.Storage.Postgres;

internal sealed partial class PostgresMobilityStore
{
    public async Task<IReadOnlyList<AssessmentTotalRow>> ReadAssessmentTotalsAsync(IReadOnlyCollection<int>? rounds = null, CancellationToken cancellationToken = default)
    {
        var result = new List<AssessmentTotalRow>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var series = new Dictionary<long, (string Dataset, string? Operation, int Level, AssessmentType Assessment)>();
        await using (var cmd = connection.Command("SELECT id, dataset, operation, admin_level, assessment_type FROM mobility_series", null))
        await using (var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                series[r.GetInt64(0)] = (r.GetString(1), r.GetNullableString(2), r.GetInt32(3), MobilityCodes.AssessmentType.Parse(r.GetString(4)));
        }
        var locations = new Dictionary<long, (string Key, string? Name, string? Area, string? Adm0, string? Adm1, string? Adm2, string? N0, string? N1, string? N2)>();
        await using (var cmd = connection.Command(
            "SELECT id, admin_level, code, name, area_pcode, adm0_pcode, adm1_pcode, adm2_pcode, adm0_name, adm1_name, adm2_name FROM mobility_location", null))
        await using (var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var name = r.GetNullableString(3);
                var key = $"{r.GetInt32(1).ToString(s_inv)}:{r.GetNullableString(2) ?? "name:" + name}";
                locations[r.GetInt64(0)] = (key, name, r.GetNullableString(4), r.GetNullableString(5), r.GetNullableString(6), r.GetNullableString(7),
                    r.GetNullableString(8), r.GetNullableString(9), r.GetNullableString(10));
            }
        }
        var typeCodes = MobilityCodes.PopulationType.Entries;
        var typeCase = string.Join(" ", typeCodes.Select((t, i) => $"WHEN '{t.Code}' THEN {i.ToString(s_inv)}"));
        await using var rows = connection.Command(
            $"SELECT series_id, round, day, location_id, CASE pop_type {typeCase} END, individuals, households FROM mobility_total" +
            (rounds is null ? "" : " WHERE round = ANY(@r)"), null, ("r", rounds?.ToArray()));
        await using var rr = await rows.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await rr.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var (dataset, operation, level, assessment) = series[rr.GetInt64(0)];
            var l = locations[rr.GetInt64(3)];
            result.Add(new AssessmentTotalRow(dataset, operation, level, rr.GetInt32(1), DateOnly.FromDayNumber(rr.GetInt32(2)),
                l.Key, l.Name, l.Area, l.Adm0, l.Adm1, l.Adm2, typeCodes[rr.GetInt32(4)].Value, rr.GetNullableLong(5), rr.GetNullableLong(6))
            {
                Assessment = assessment,
                Admin0Name = l.N0,
                Admin1Name = l.N1,
                Admin2Name = l.N2,
            });
        }
        return result;
    }

    public async Task<IReadOnlyList<FlowDailyTotal>> ReadFlowDailyTotalsAsync(string? pointCode = null, CancellationToken cancellationToken = default)
    {
        var result = new List<FlowDailyTotal>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command(
            "SELECT point_code, date, direction, reason, traveller_type, persons, observations FROM flow_daily" +
            (pointCode is null ? "" : " WHERE point_code = @p") + " ORDER BY point_code, date, direction, reason, traveller_type", null, ("p", pointCode));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new FlowDailyTotal(r.GetString(0), r.GetFieldValue<DateOnly>(1), MobilityCodes.Direction.Parse(r.GetString(2)),
                MobilityCodes.Reason.Parse(r.GetString(3)), MobilityCodes.TravellerType.Parse(r.GetString(4)), r.GetInt64(5), r.GetInt32(6)));
        }
        return result;
    }

    public async Task<FlowTotals> ReadFlowTotalsAsync(DateOnly? from = null, DateOnly? to = null, DateOnly? split = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command(
            "SELECT point_code, direction, reason, traveller_type, min(date), max(date), sum(persons)::bigint, " +
            "coalesce(sum(CASE WHEN date < @split THEN persons ELSE 0 END), 0)::bigint FROM flow_daily " +
            "WHERE (@from::date IS NULL OR date >= @from) AND (@to::date IS NULL OR date <= @to) GROUP BY point_code, direction, reason, traveller_type", null,
            ("from", Date(from)), ("to", Date(to)), ("split", Date(split)));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var directions = new Dictionary<(string, FlowDirection), FlowDirectionTotal>();
        var reasons = new Dictionary<(string, FlowDirection, string), long>();
        var travellers = new Dictionary<(string, FlowDirection, string), long>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var point = r.GetString(0);
            var direction = MobilityCodes.Direction.Parse(r.GetString(1));
            var (first, last, persons, before) = (r.GetFieldValue<DateOnly>(4), r.GetFieldValue<DateOnly>(5), r.GetInt64(6), r.GetInt64(7));
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

    private static object Date(DateOnly? d) => d is { } v ? v : new TypedNull(NpgsqlTypes.NpgsqlDbType.Date);
}
