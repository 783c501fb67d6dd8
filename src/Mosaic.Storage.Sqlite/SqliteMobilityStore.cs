using System.Globalization;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Mobility;
using Mosaic.Core.Mobility.Analysis;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite;

/// <summary>Mobility tables of an SQLite store: assessments here, flows and movers in the other parts.</summary>
internal sealed partial class SqliteMobilityStore(SqliteConnection connection) : IMobilityStore
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    public UpsertCounts UpsertAssessments(IReadOnlyCollection<LocationAssessment> assessments)
    {
        int inserted = 0, updated = 0, unchanged = 0;
        using var tx = connection.BeginTransaction();
        using var find = connection.CreateCommand("SELECT id, fingerprint FROM mobility_assessment WHERE record_id = $id", tx, ("$id", ""));
        find.Prepare();
        var names = MobilityColumns.Assessment.Split(", ");
        using var insert = Prepared(tx,
            $"INSERT INTO mobility_assessment ({MobilityColumns.Assessment}) VALUES ({string.Join(", ", names.Select((_, i) => "$" + i))}) RETURNING id",
            names.Length);
        using var update = Prepared(tx,
            $"UPDATE mobility_assessment SET {string.Join(", ", names.Select((n, i) => $"{n} = ${i}"))} WHERE id = ${names.Length}",
            names.Length + 1);
        using var deleteCounts = connection.CreateCommand("DELETE FROM mobility_count WHERE assessment_id = $a", tx, ("$a", 0L));
        using var insertCount = connection.CreateCommand(
            "INSERT INTO mobility_count (assessment_id, pop_type, sex, age_group, individuals, households) VALUES ($a, $p, $s, $g, $i, $h)", tx,
            ("$a", 0L), ("$p", ""), ("$s", ""), ("$g", ""), ("$i", null), ("$h", null));
        insertCount.Prepare();
        foreach (var a in assessments)
        {
            var fingerprint = AssessmentFingerprint.Of(a);
            find.Parameters[0].Value = a.RecordId;
            long id;
            using (var r = find.ExecuteReader())
            {
                id = r.Read() ? r.GetInt64(0) : 0;
                if (id != 0 && ((byte[])r.GetValue(1)).AsSpan().SequenceEqual(fingerprint))
                {
                    unchanged++;
                    continue;
                }
            }
            if (id == 0)
            {
                Bind(insert, a, fingerprint);
                id = Convert.ToInt64(insert.ExecuteScalar(), s_inv);
                inserted++;
            }
            else
            {
                Bind(update, a, fingerprint);
                update.Parameters[names.Length].Value = id;
                update.ExecuteNonQuery();
                deleteCounts.Parameters[0].Value = id;
                deleteCounts.ExecuteNonQuery();
                updated++;
            }
            insertCount.Parameters[0].Value = id;
            foreach (var c in a.Counts)
            {
                var type = MobilityCodes.PopulationType[c.Type];
                InsertCount(insertCount, type, "", "", c.Individuals, c.Households);
                if (c.Males is not null)
                    InsertCount(insertCount, type, "male", "", c.Males, null);
                if (c.Females is not null)
                    InsertCount(insertCount, type, "female", "", c.Females, null);
                foreach (var s in c.BySexAndAge)
                    InsertCount(insertCount, type, Codes.Sex[s.Sex], s.AgeGroup, s.Individuals, null);
            }
        }
        tx.Commit();
        return new UpsertCounts(inserted, updated, unchanged);
    }

    private static void InsertCount(SqliteCommand cmd, string type, string sex, string age, long? individuals, long? households)
    {
        cmd.Parameters[1].Value = type;
        cmd.Parameters[2].Value = sex;
        cmd.Parameters[3].Value = age;
        cmd.Parameters[4].Value = individuals.Db();
        cmd.Parameters[5].Value = households.Db();
        cmd.ExecuteNonQuery();
    }

    private SqliteCommand Prepared(SqliteTransaction tx, string sql, int count)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        for (var i = 0; i < count; i++)
            cmd.Parameters.Add(new SqliteParameter("$" + i.ToString(s_inv), DBNull.Value));
        cmd.Prepare();
        return cmd;
    }

    private static void Bind(SqliteCommand cmd, LocationAssessment a, byte[] fingerprint)
    {
        var l = a.Location;
        var p = a.Provenance;
        object?[] values =
        [
            a.RecordId, fingerprint, a.SourceId, a.Dataset, a.Operation, a.OperationStatus, MobilityCodes.AssessmentType[a.Type], a.Round,
            a.ReportingDate.ToString(MobilityColumns.DateFormat, s_inv), l.AdminLevel,
            l.Admin0Pcode, l.Admin0Name, l.Admin1Pcode, l.Admin1Name, l.Admin2Pcode, l.Admin2Name, l.LocalPcode, l.LocalName,
            a.AreaPcode, MobilityCodes.AreaMatch[a.Match], a.OriginPcode, a.OriginName, a.DisplacementReason, a.ArrivalPeriod, a.Shelter,
            a.Needs.Count == 0 ? null : string.Join(MobilityColumns.NeedsSeparator, a.Needs), a.KeyInformants,
            p?.SourceFile, p?.SourceRow, (p?.ImportedAt ?? DateTimeOffset.UtcNow).ToString("O", s_inv),
        ];
        for (var i = 0; i < values.Length; i++)
            cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
    }

    public IReadOnlyList<AssessmentKey> ReadAssessmentKeys()
    {
        var result = new List<AssessmentKey>();
        using var cmd = connection.CreateCommand(
            "SELECT record_id, dataset, operation, assessment_type, admin_level, coalesce(local_pcode, CASE admin_level WHEN 0 THEN adm0_pcode " +
            "WHEN 1 THEN adm1_pcode ELSE coalesce(adm2_pcode, adm1_pcode, adm0_pcode) END), " +
            "coalesce(local_name, CASE admin_level WHEN 0 THEN adm0_name WHEN 1 THEN adm1_name ELSE coalesce(adm2_name, adm1_name, adm0_name) END), " +
            "round, reporting_date FROM mobility_assessment", null);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var key = $"{r.GetInt32(4).ToString(s_inv)}:{r.GetNullableString(5) ?? "name:" + r.GetNullableString(6)}";
            result.Add(new AssessmentKey(r.GetString(0), r.GetString(1), r.GetNullableString(2),
                MobilityCodes.AssessmentType.Parse(r.GetString(3)), key, r.GetInt32(7), ParseDate(r.GetString(8))));
        }
        return result;
    }

    public long CountAssessments() => Convert.ToInt64(connection.ExecuteScalar("SELECT count(*) FROM mobility_assessment"), s_inv);

    public LocationAssessment? GetAssessment(string recordId) =>
        ReadAssessments(" WHERE a.record_id = $p", recordId).FirstOrDefault();

    public IEnumerable<LocationAssessment> ReadAssessments(string? dataset = null) =>
        ReadAssessments(dataset is null ? "" : " WHERE a.dataset = $p", dataset);

    private IEnumerable<LocationAssessment> ReadAssessments(string where, string? parameter)
    {
        // Two streams ordered by id, merged: memory stays flat.
        using var rows = connection.CreateCommand(
            $"SELECT a.id, {MobilityColumns.Assessment} FROM mobility_assessment a{where} ORDER BY a.id", null, ("$p", parameter));
        using var counts = connection.CreateCommand(
            $"SELECT c.assessment_id, c.pop_type, c.sex, c.age_group, c.individuals, c.households FROM mobility_count c " +
            $"JOIN mobility_assessment a ON a.id = c.assessment_id{where} ORDER BY c.assessment_id, c.pop_type, c.sex, c.age_group", null, ("$p", parameter));
        using var r = rows.ExecuteReader();
        using var cr = counts.ExecuteReader();
        var hasCount = cr.Read();
        while (r.Read())
        {
            var id = r.GetInt64(0);
            var byType = new SortedDictionary<PopulationType, PopulationCount>();
            while (hasCount && cr.GetInt64(0) < id)
                hasCount = cr.Read();
            while (hasCount && cr.GetInt64(0) == id)
            {
                var type = MobilityCodes.PopulationType.Parse(cr.GetString(1));
                var c = byType.GetValueOrDefault(type) ?? new PopulationCount(type, null);
                var sex = cr.GetString(2);
                var age = cr.GetString(3);
                long? individuals = cr.IsDBNull(4) ? null : cr.GetInt64(4);
                if (sex.Length == 0)
                    c = c with { Individuals = individuals, Households = cr.IsDBNull(5) ? null : cr.GetInt64(5) };
                else if (age.Length > 0)
                    c = c with { BySexAndAge = [.. c.BySexAndAge, new SexAgeCount(Codes.Sex.Parse(sex), age, individuals ?? 0)] };
                else if (sex == "male")
                    c = c with { Males = individuals };
                else
                    c = c with { Females = individuals };
                byType[type] = c;
                hasCount = cr.Read();
            }
            yield return ReadAssessment(r, [.. byType.Values.Select(c => c with { BySexAndAge = SortCells(c.BySexAndAge) })]);
        }
    }

    private static List<SexAgeCount> SortCells(IReadOnlyList<SexAgeCount> cells) =>
        [.. cells.OrderBy(c => c.Sex).ThenBy(c => AgeGroupOrder(c.AgeGroup))];

    private static int AgeGroupOrder(string group)
    {
        var i = Array.IndexOf([.. AgeGroups.All], group);
        return i < 0 ? int.MaxValue : i;
    }

    private static LocationAssessment ReadAssessment(SqliteDataReader r, IReadOnlyList<PopulationCount> counts)
    {
        // Reader column i + 1 holds MobilityColumns.Assessment[i] (column 0 is the row id).
        string? S(int i) => r.GetNullableString(i + 1);
        long? L(int i) => r.IsDBNull(i + 1) ? null : r.GetInt64(i + 1);
        var needs = S(25);
        return new LocationAssessment
        {
            RecordId = S(0)!,
            SourceId = L(2),
            Dataset = S(3)!,
            Operation = S(4),
            OperationStatus = S(5),
            Type = MobilityCodes.AssessmentType.Parse(S(6)!),
            Round = (int)L(7)!.Value,
            ReportingDate = ParseDate(S(8)!),
            Location = new AssessmentLocation((int)L(9)!.Value, S(10), S(11), S(12), S(13), S(14), S(15)) { LocalPcode = S(16), LocalName = S(17) },
            AreaPcode = S(18),
            Match = MobilityCodes.AreaMatch.Parse(S(19)!),
            Counts = counts,
            OriginPcode = S(20),
            OriginName = S(21),
            DisplacementReason = S(22),
            ArrivalPeriod = S(23),
            Shelter = S(24),
            Needs = needs is null ? [] : needs.Split(MobilityColumns.NeedsSeparator),
            KeyInformants = (int?)L(26),
            Provenance = new Provenance(S(27) ?? "", L(28) ?? 0, DateTimeOffset.Parse(S(29)!, s_inv)),
        };
    }

    public IReadOnlyList<AssessmentTotalRow> ReadAssessmentTotals(IReadOnlyCollection<int>? rounds = null)
    {
        var result = new List<AssessmentTotalRow>();
        var filter = rounds is null ? "" : $" AND a.round IN ({string.Join(", ", rounds.Select(x => x.ToString(s_inv)))})";
        using var cmd = connection.CreateCommand(
            "SELECT a.dataset, a.operation, a.admin_level, a.round, a.reporting_date, " +
            "coalesce(a.local_pcode, CASE a.admin_level WHEN 0 THEN a.adm0_pcode WHEN 1 THEN a.adm1_pcode ELSE coalesce(a.adm2_pcode, a.adm1_pcode, a.adm0_pcode) END), " +
            "coalesce(a.local_name, CASE a.admin_level WHEN 0 THEN a.adm0_name WHEN 1 THEN a.adm1_name ELSE coalesce(a.adm2_name, a.adm1_name, a.adm0_name) END), " +
            "a.area_pcode, a.adm0_pcode, a.adm1_pcode, a.adm2_pcode, c.pop_type, c.individuals, c.households " +
            "FROM mobility_assessment a JOIN mobility_count c ON c.assessment_id = a.id AND c.sex = '' AND c.age_group = ''" +
            (filter.Length == 0 ? "" : " WHERE 1 = 1" + filter), null);
        using var r = cmd.ExecuteReader();
        // Low-cardinality strings are interned so 100,000 rows share a handful of instances.
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Pooled(int i)
        {
            if (r.IsDBNull(i))
                return null;
            var s = r.GetString(i);
            if (pool.TryGetValue(s, out var p))
                return p;
            pool[s] = s;
            return s;
        }
        var dates = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        while (r.Read())
        {
            var dateText = r.GetString(4);
            if (!dates.TryGetValue(dateText, out var date))
                dates[dateText] = date = ParseDate(dateText);
            var level = r.GetInt32(2);
            var code = r.GetNullableString(5);
            var name = r.GetNullableString(6);
            result.Add(new AssessmentTotalRow(Pooled(0)!, Pooled(1), level, r.GetInt32(3), date,
                $"{level.ToString(s_inv)}:{code ?? "name:" + name}", name, Pooled(7), Pooled(8), Pooled(9), Pooled(10),
                MobilityCodes.PopulationType.Parse(Pooled(11)!), r.IsDBNull(12) ? null : r.GetInt64(12), r.IsDBNull(13) ? null : r.GetInt64(13)));
        }
        return result;
    }

    private static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, MobilityColumns.DateFormat, s_inv);
}
