using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Registry;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite;

// The columnar read path for tabulation: two ordered scans whose categorical codes are translated to the
// snapshot's small integers inside SQLite (CASE expressions), so no string or domain object is made per row.
internal sealed partial class SqliteRegistryStore : IRegistrySnapshotSource
{
    /// <summary>Household columns that are not optional numbers (the standard ones and the store's own).</summary>
    private static readonly HashSet<string> s_standardHouseholdColumns = new(
        ["id", "fingerprint", "batch_id", "record_key", .. RegistryColumns.Household.Split(", ")], StringComparer.Ordinal);

    /// <summary>
    /// Optional fields read from the latest scoring run (<c>household_score</c>, joined by household id) rather
    /// than copied into the household table: <c>hazard_exposure</c> is the highest exposure over the hazard types
    /// with a layer (null when none is known), <c>vulnerability</c> the overall score.
    /// </summary>
    private static readonly string[] s_scoreFields = ["hazard_exposure", "vulnerability"];

    public Task<IReadOnlyList<string>> OptionalHouseholdNumbersAsync(CancellationToken cancellationToken = default)
    {
        using var interrupt = SqliteInterrupt.On(connection, cancellationToken);
        return Task.FromResult<IReadOnlyList<string>>(OptionalHouseholdNumbers());
    }

    private List<string> OptionalHouseholdNumbers()
    {
        var names = HouseholdNumberColumns();
        if (ReadsScores(names))
            names.AddRange(s_scoreFields);
        return names;
    }

    /// <summary>Whether the scan reads the latest scores (there are some, and no household column has their names).</summary>
    private bool ReadsScores(List<string> columns) =>
        !columns.Intersect(s_scoreFields).Any() && connection.ExecuteScalar(
            "SELECT EXISTS (SELECT 1 FROM score_run r WHERE r.id = (SELECT max(id) FROM score_run) AND r.households > 0 " +
            "AND EXISTS (SELECT 1 FROM score_columns c WHERE c.run_id = r.id)) OR EXISTS (SELECT 1 FROM household_score)", null) is 1L;

    /// <summary>
    /// The score fields of every household the latest run scored, by ascending household id, from its columns; null
    /// when that run has none (rows of a database scored before migration 13 are joined instead).
    /// </summary>
    private ScoreFields? ReadScoreColumns()
    {
        using var file = ScoreColumnsFile.OpenLatest(connection);
        return file is null ? null : new ScoreFields(file.ReadIds(), file.ReadMaxExposure(), file.ReadOverall());
    }

    /// <summary>Per scored household (ascending id): the highest known exposure and the overall score.</summary>
    private sealed record ScoreFields(long[] Ids, double[] Exposure, double[] Overall)
    {
        private int _next;

        /// <summary>Writes household <paramref name="id"/>'s fields (NaN when unscored); ids must be asked in ascending order.</summary>
        public void Fill(long id, Span<double> into)
        {
            while (_next < Ids.Length && Ids[_next] < id)
                _next++;
            var found = _next < Ids.Length && Ids[_next] == id;
            into[0] = found ? Exposure[_next] : double.NaN;
            into[1] = found ? Overall[_next] : double.NaN;
        }
    }

    private List<string> HouseholdNumberColumns()
    {
        // Columns added by later migrations become optional fields automatically.
        var names = new List<string>();
        using var cmd = connection.CreateCommand("SELECT name, upper(type) FROM pragma_table_info('household')", null);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var name = r.GetString(0);
            var type = r.GetString(1);
            if (!s_standardHouseholdColumns.Contains(name) && (type.Contains("REAL", StringComparison.Ordinal) || type.Contains("INT", StringComparison.Ordinal)))
                names.Add(name);
        }
        return names;
    }

    public async Task ScanAsync(RegistrySnapshotBuilder builder, CancellationToken cancellationToken = default) =>
        await ScanAfterAsync(builder, 0, cancellationToken).ConfigureAwait(false);

    /// <remarks>
    /// In-process, on the caller's thread (a completed task). The token interrupts the statements
    /// (<see cref="SqliteInterrupt"/>: also while SQLite sorts before the first row), and is checked every few thousand
    /// households besides, for a cancellation that falls between two statements.
    /// </remarks>
    public Task<long> ScanAfterAsync(RegistrySnapshotBuilder builder, long afterHouseholdId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        using var interrupt = SqliteInterrupt.On(connection, cancellationToken);
        return Task.FromResult(ScanAfter(builder, afterHouseholdId, cancellationToken));
    }

    private long ScanAfter(RegistrySnapshotBuilder builder, long afterHouseholdId, CancellationToken cancellationToken)
    {
        var columns = HouseholdNumberColumns();
        var scored = ReadsScores(columns);
        var scoreColumns = scored ? ReadScoreColumns() : null;
        var joined = scored && scoreColumns is null;
        var extraSql = string.Concat(columns.Select(n => $", h.\"{n}\""));
        var scoreSql = joined ? " LEFT JOIN household_score s ON s.household_id = h.id" : "";
        if (joined)
            extraSql += ", s.exposure, s.score";
        using var households = connection.CreateCommand(
            $"SELECT h.id, h.area_pcode, {Case("h.dwelling", Codes.Dwelling)}, h.income_before, h.income_now, {Tri("h.remittances")}, " +
            $"h.remittance_amount, {Case("h.remittance_change", Codes.RemittanceChange)}, {Tri("h.debt")}, {Tri("h.savings")}, " +
            $"{Tri("h.assistance_received")}, h.shocks, h.record_key, h.reference_welfare, h.submission_id, h.lat, h.lon{extraSql} FROM household h{scoreSql} WHERE h.id > $after ORDER BY h.id", null,
            ("$after", afterHouseholdId));
        using var persons = connection.CreateCommand(
            $"SELECT p.household_id, {Case("p.sex", Codes.Sex)}, p.age, {Case("p.relation", Codes.Relation)}, " +
            $"{Case("p.mig_status", Codes.MigratoryStatus)}, p.prev_country, {Case("p.move_reason", Codes.MoveReason)}, " +
            $"{Tri("p.disability")}, {Tri("p.in_school")}, {Tri("p.employed_before")}, {Tri("p.employed_now")}, " +
            // Move month as SnapshotCodes.MonthOf encodes it, computed from the stored yyyy-MM-dd text.
            $"coalesce((CAST(substr(p.move_date, 1, 4) AS INTEGER) - {SnapshotCodes.FirstMoveYear}) * 12 + CAST(substr(p.move_date, 6, 2) AS INTEGER), 0), p.record_key " +
            "FROM person p WHERE p.household_id > $after ORDER BY p.household_id, p.line", null, ("$after", afterHouseholdId));
        cancellationToken.ThrowIfCancellationRequested();
        using var hr = households.ExecuteReader();
        using var pr = persons.ExecuteReader();
        var extras = new double[columns.Count + (scored ? s_scoreFields.Length : 0)];
        var hasPerson = pr.Read();
        var last = afterHouseholdId;
        var read = 0;
        while (hr.Read())
        {
            if ((++read & 4095) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            var id = hr.GetInt64(0);
            last = id;
            for (var i = 0; i < columns.Count; i++)
                extras[i] = hr.IsDBNull(FirstExtra + i) ? double.NaN : hr.GetDouble(FirstExtra + i);
            if (scoreColumns is not null)
                scoreColumns.Fill(id, extras.AsSpan(columns.Count));
            else if (joined)
                ReadScoreFields(hr, FirstExtra + columns.Count, extras.AsSpan(columns.Count));
            builder.AddHousehold(new SnapshotHousehold(
                hr.GetString(1), (byte)hr.GetInt32(2), hr.GetNullableDouble(3), hr.GetNullableDouble(4), (byte)hr.GetInt32(5),
                hr.GetNullableDouble(6), (byte)hr.GetInt32(7), (byte)hr.GetInt32(8), (byte)hr.GetInt32(9), (byte)hr.GetInt32(10),
                (byte)hr.GetInt64(11), (uint)hr.GetInt64(12), id, hr.GetNullableDouble(13), hr.GetString(14), hr.GetNullableDouble(15),
                hr.GetNullableDouble(16)), extras);
            while (hasPerson && pr.GetInt64(0) < id)
                hasPerson = pr.Read();
            while (hasPerson && pr.GetInt64(0) == id)
            {
                builder.AddPerson(new SnapshotPerson(
                    (byte)pr.GetInt32(1), pr.GetNullableInt(2), (byte)pr.GetInt32(3), (byte)pr.GetInt32(4), pr.GetNullableString(5),
                    (byte)pr.GetInt32(6), (byte)pr.GetInt32(7), (byte)pr.GetInt32(8), (byte)pr.GetInt32(9), (byte)pr.GetInt32(10),
                    MoveMonth(pr.GetInt64(11)), (uint)pr.GetInt64(12)));
                hasPerson = pr.Read();
            }
        }
        return last;
    }

    /// <summary>Position of the first optional number in the household scan (after the standard columns).</summary>
    private const int FirstExtra = 17;

    /// <summary>The score fields (<see cref="s_scoreFields"/>) from the joined exposure and score row columns at <paramref name="at"/>.</summary>
    private static void ReadScoreFields(SqliteDataReader r, int at, Span<double> into)
    {
        into[0] = r.IsDBNull(at) ? double.NaN : MaxExposure(r.GetString(at));
        into[1] = r.IsDBNull(at + 1) ? double.NaN : r.GetDouble(at + 1);
    }

    private static ushort MoveMonth(long encoded) => encoded is > 0 and <= ushort.MaxValue ? (ushort)encoded : (ushort)0;

    /// <summary>The highest known value of a stored exposure list (numbers per hazard type, NaN = unknown).</summary>
    private static double MaxExposure(string values)
    {
        var max = double.NaN;
        foreach (var range in values.AsSpan().Split(' '))
        {
            if (double.TryParse(values.AsSpan()[range], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) &&
                !double.IsNaN(v) && (double.IsNaN(max) || v > max))
                max = v;
        }
        return max;
    }

    /// <summary>Code text → 1-based position in the code list (0 = NULL or unknown), matching <see cref="SnapshotCodes"/>.</summary>
    private static string Case<TEnum>(string column, CodeList<TEnum> list) where TEnum : struct, Enum
    {
        var sql = new StringBuilder("CASE ").Append(column);
        for (var i = 0; i < list.Entries.Count; i++)
            sql.Append(" WHEN '").Append(list.Entries[i].Code).Append("' THEN ").Append(i + 1);
        return sql.Append(" ELSE 0 END").ToString();
    }

    /// <summary>Yes/no stored as 0/1/NULL → tri-state 1/2/0.</summary>
    private static string Tri(string column) => $"coalesce({column} + 1, 0)";
}
