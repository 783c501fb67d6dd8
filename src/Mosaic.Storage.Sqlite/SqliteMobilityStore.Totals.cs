using System.Globalization;
using Mosaic.Core.Mobility;
using Mosaic.Core.Mobility.Analysis;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite;

internal sealed partial class SqliteMobilityStore
{
    private List<AssessmentTotalRow> ReadAssessmentTotals(IReadOnlyCollection<int>? rounds)
    {
        // Series and locations are few and read once; the per-assessment rows are narrow integers
        // (mobility_total, written by every import), so reading them costs little more than the row count.
        var series = new Dictionary<long, (string Dataset, string? Operation, int Level, AssessmentType Assessment)>();
        using (var cmd = connection.CreateCommand("SELECT id, dataset, operation, admin_level, assessment_type FROM mobility_series", null))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
                series[r.GetInt64(0)] = (r.GetString(1), r.GetNullableString(2), r.GetInt32(3), MobilityCodes.AssessmentType.Parse(r.GetString(4)));
        }
        var locations = new Dictionary<long, Location>();
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var read = new RawStatement(connection,
            "SELECT id, admin_level, code, name, area_pcode, adm0_pcode, adm1_pcode, adm2_pcode, adm0_name, adm1_name, adm2_name FROM mobility_location"))
        {
            // Admin codes repeat across many locations: one string instance each.
            string? Pooled(int i)
            {
                if (read.GetNullableText(i) is not { } s)
                    return null;
                if (pool.TryGetValue(s, out var p))
                    return p;
                pool[s] = s;
                return s;
            }
            while (read.Next())
            {
                var level = read.GetLong(1);
                var code = read.GetNullableText(2);
                var name = read.GetNullableText(3);
                locations[read.GetLong(0)] = new Location($"{level.ToString(CultureInfo.InvariantCulture)}:{code ?? "name:" + name}", name,
                    Pooled(4), Pooled(5), Pooled(6), Pooled(7), Pooled(8), Pooled(9), Pooled(10));
            }
        }

        var result = new List<AssessmentTotalRow>();
        var filter = rounds is null ? "" : $" WHERE round IN ({string.Join(", ", rounds.Select(x => x.ToString(s_inv)))})";
        // Population types as their index in the code list, so no text is read per row.
        var typeCodes = MobilityCodes.PopulationType.Entries;
        var typeCase = string.Join(" ", typeCodes.Select((t, i) => $"WHEN '{t.Code}' THEN {i.ToString(s_inv)}"));
        using var rows = new RawStatement(connection,
            $"SELECT series_id, round, day, location_id, CASE pop_type {typeCase} END, individuals, households FROM mobility_total{filter}");
        while (rows.Next())
        {
            var (dataset, operation, level, assessment) = series[rows.GetLong(0)];
            var l = locations[rows.GetLong(3)];
            result.Add(new AssessmentTotalRow(dataset, operation, level, (int)rows.GetLong(1), DateOnly.FromDayNumber((int)rows.GetLong(2)),
                l.Key, l.Name, l.Area, l.Adm0, l.Adm1, l.Adm2, typeCodes[(int)rows.GetLong(4)].Value, rows.GetNullableLong(5), rows.GetNullableLong(6))
            {
                Assessment = assessment,
                Admin0Name = l.Adm0Name,
                Admin1Name = l.Adm1Name,
                Admin2Name = l.Adm2Name,
            });
        }
        return result;
    }

    private sealed record Location(
        string Key, string? Name, string? Area, string? Adm0, string? Adm1, string? Adm2, string? Adm0Name, string? Adm1Name, string? Adm2Name);
}
