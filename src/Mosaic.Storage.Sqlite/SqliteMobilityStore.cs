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

    // SQLite runs in-process: each call does its work on the caller's thread and returns a completed task, after
    // checking the token; a write checks it again before each record and before its commit, so a cancelled write
    // rolls back whole. Streams check both tokens before every row (SqliteAsyncStream).

    public Task<UpsertCounts> UpsertAssessmentsAsync(IReadOnlyCollection<LocationAssessment> assessments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(UpsertAssessments(assessments, cancellationToken));
    }

    public Task<IReadOnlyList<AssessmentKey>> ReadAssessmentKeysAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<AssessmentKey>>(ReadAssessmentKeys());
    }

    public IAsyncEnumerable<LocationAssessment> ReadAssessmentsAsync(string? dataset = null, CancellationToken cancellationToken = default) =>
        new SqliteAsyncStream<LocationAssessment>(() => ReadAssessments(dataset is null ? "" : " WHERE a.dataset = $p", dataset), cancellationToken);

    public Task<LocationAssessment?> GetAssessmentAsync(string recordId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ReadAssessments(" WHERE a.record_id = $p", recordId).FirstOrDefault());
    }

    public Task<long> CountAssessmentsAsync(CancellationToken cancellationToken = default) => Count("SELECT count(*) FROM mobility_assessment", cancellationToken);

    public Task<IReadOnlyList<AssessmentTotalRow>> ReadAssessmentTotalsAsync(IReadOnlyCollection<int>? rounds = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<AssessmentTotalRow>>(ReadAssessmentTotals(rounds));
    }

    public Task<UpsertCounts> UpsertFlowsAsync(IReadOnlyCollection<FlowMonitoringPoint> points, IReadOnlyCollection<FlowObservation> observations,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(observations);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(UpsertFlows(points, observations, cancellationToken));
    }

    public Task<IReadOnlyList<FlowMonitoringPoint>> ReadFlowPointsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<FlowMonitoringPoint>>(ReadFlowPoints());
    }

    public IAsyncEnumerable<FlowObservation> ReadFlowObservationsAsync(string? pointCode = null, CancellationToken cancellationToken = default) =>
        new SqliteAsyncStream<FlowObservation>(() => ReadFlowObservations(pointCode), cancellationToken);

    public Task<long> CountFlowObservationsAsync(CancellationToken cancellationToken = default) => Count("SELECT count(*) FROM flow_observation", cancellationToken);

    public Task<IReadOnlyList<FlowDailyTotal>> ReadFlowDailyTotalsAsync(string? pointCode = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<FlowDailyTotal>>(ReadFlowDailyTotals(pointCode));
    }

    public Task<FlowTotals> ReadFlowTotalsAsync(DateOnly? from = null, DateOnly? to = null, DateOnly? split = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ReadFlowTotals(from, to, split));
    }

    public IAsyncEnumerable<RegisteredMover> ReadRegisteredMoversAsync(string? areaPcode = null, CancellationToken cancellationToken = default) =>
        new SqliteAsyncStream<RegisteredMover>(() => ReadRegisteredMovers(areaPcode), cancellationToken);

    private Task<long> Count(string sql, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Convert.ToInt64(connection.ExecuteScalar(sql), s_inv));
    }

    private UpsertCounts UpsertAssessments(IReadOnlyCollection<LocationAssessment> assessments, CancellationToken cancellationToken)
    {
        // Every statement is prepared once and bound by index through direct SQLite calls (RawStatement): a DTM
        // file is tens of thousands of records, each ~30 values, a few count rows and a totals row.
        int inserted = 0, updated = 0, unchanged = 0;
        using var tx = connection.BeginTransaction();
        var names = MobilityColumns.Assessment.Split(", ");
        using var find = new RawStatement(connection, "SELECT id, fingerprint, round FROM mobility_assessment WHERE record_id = ?1");
        using var insert = new RawStatement(connection,
            $"INSERT INTO mobility_assessment ({MobilityColumns.Assessment}) VALUES ({string.Join(", ", names.Select((_, i) => "?" + (i + 1).ToString(s_inv)))})");
        using var update = new RawStatement(connection,
            $"UPDATE mobility_assessment SET {string.Join(", ", names.Select((n, i) => $"{n} = ?{(i + 1).ToString(s_inv)}"))} WHERE id = ?{(names.Length + 1).ToString(s_inv)}");
        using var deleteCounts = new RawStatement(connection, "DELETE FROM mobility_count WHERE assessment_id = ?1");
        using var insertCount = new RawStatement(connection,
            "INSERT INTO mobility_count (assessment_id, pop_type, sex, age_group, individuals, households) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        using var totals = new TotalsWriter(connection, tx);
        var stamps = new ImportStamps();
        foreach (var a in assessments)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fingerprint = AssessmentFingerprint.Of(a);
            find.Text(1, a.RecordId);
            long id = 0;
            var oldRound = 0;
            if (find.Next())
            {
                id = find.GetLong(0);
                oldRound = (int)find.GetLong(2);
                var same = find.GetBlob(1).SequenceEqual(fingerprint);
                find.Reset();
                if (same)
                {
                    unchanged++;
                    continue;
                }
            }
            if (id == 0)
            {
                Bind(insert, a, fingerprint, stamps);
                insert.Execute();
                id = insert.LastInsertRowId;
                inserted++;
            }
            else
            {
                Bind(update, a, fingerprint, stamps);
                update.Long(names.Length + 1, id);
                update.Execute();
                deleteCounts.Long(1, id);
                deleteCounts.Execute();
                totals.Delete(oldRound, id);
                updated++;
            }
            insertCount.Long(1, id);
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
            totals.Insert(id, a);
        }
        cancellationToken.ThrowIfCancellationRequested();
        tx.Commit();
        return new UpsertCounts(inserted, updated, unchanged);
    }

    private static void InsertCount(RawStatement cmd, string type, string sex, string age, long? individuals, long? households)
    {
        cmd.Code(2, type);
        cmd.Code(3, sex);
        cmd.Code(4, age);
        cmd.Long(5, individuals);
        cmd.Long(6, households);
        cmd.Execute();
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

    /// <summary>Binds an assessment's columns (<see cref="MobilityColumns.Assessment"/> order) to parameters 1–30.</summary>
    private static void Bind(RawStatement cmd, LocationAssessment a, byte[] fingerprint, ImportStamps stamps)
    {
        var l = a.Location;
        var p = a.Provenance;
        cmd.Text(1, a.RecordId);
        cmd.Blob(2, fingerprint);
        cmd.Long(3, a.SourceId);
        cmd.Code(4, a.Dataset);
        cmd.Code(5, a.Operation);
        cmd.Code(6, a.OperationStatus);
        cmd.Code(7, MobilityCodes.AssessmentType[a.Type]);
        cmd.Long(8, a.Round);
        cmd.Code(9, stamps.Date(a.ReportingDate));
        cmd.Long(10, l.AdminLevel);
        cmd.Code(11, l.Admin0Pcode);
        cmd.Code(12, l.Admin0Name);
        cmd.Code(13, l.Admin1Pcode);
        cmd.Code(14, l.Admin1Name);
        cmd.Text(15, l.Admin2Pcode);
        cmd.Text(16, l.Admin2Name);
        cmd.Text(17, l.LocalPcode);
        cmd.Text(18, l.LocalName);
        cmd.Text(19, a.AreaPcode);
        cmd.Code(20, MobilityCodes.AreaMatch[a.Match]);
        cmd.Text(21, a.OriginPcode);
        cmd.Text(22, a.OriginName);
        cmd.Text(23, a.DisplacementReason);
        cmd.Text(24, a.ArrivalPeriod);
        cmd.Text(25, a.Shelter);
        cmd.Text(26, a.Needs.Count == 0 ? null : string.Join(MobilityColumns.NeedsSeparator, a.Needs));
        cmd.Long(27, a.KeyInformants);
        cmd.Code(28, p?.SourceFile);
        cmd.Long(29, p?.SourceRow);
        cmd.Code(30, stamps.Instant(p?.ImportedAt));
    }

    /// <summary>Formatted dates and import times: the same few values on every record of a file, formatted once.</summary>
    private sealed class ImportStamps
    {
        private readonly Dictionary<DateOnly, string> _dates = [];
        private readonly Dictionary<(long, TimeSpan), string> _instants = [];
        private readonly string _now = DateTimeOffset.UtcNow.ToString("O", s_inv);

        public string Date(DateOnly date)
        {
            if (!_dates.TryGetValue(date, out var text))
                _dates[date] = text = date.ToString(MobilityColumns.DateFormat, s_inv);
            return text;
        }

        public string Instant(DateTimeOffset? instant)
        {
            if (instant is not { } i)
                return _now;
            // Keyed by ticks and offset: equal instants in other offsets format differently.
            if (!_instants.TryGetValue((i.Ticks, i.Offset), out var text))
                _instants[(i.Ticks, i.Offset)] = text = i.ToString("O", s_inv);
            return text;
        }
    }

    private List<AssessmentKey> ReadAssessmentKeys()
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
                MobilityCodes.AssessmentType.Parse(r.GetString(3)), key, r.GetInt32(7), ParseDate(r.GetString(8)), r.GetInt32(4)));
        }
        return result;
    }

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

    private static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, MobilityColumns.DateFormat, s_inv);
}
