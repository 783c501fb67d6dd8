using System.Text;
using Mosaic.Core.Registry;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Postgres.Internal;
using Npgsql;

namespace Mosaic.Storage.Postgres;

// The columnar read path for tabulation: two ordered scans whose categorical codes are translated to the
// snapshot's small integers by the server (CASE expressions), so no string or domain object is made per row.
internal sealed partial class PostgresRegistryStore : IRegistrySnapshotSource
{
    /// <summary>Household columns that are not optional numbers (the standard ones and the store's own).</summary>
    private static readonly HashSet<string> s_standardHouseholdColumns = new(
        ["id", "fingerprint", "batch_id", "adm1_pcode", "record_key", .. RegistrySql.Household.Split(", ")], StringComparer.Ordinal);

    /// <summary>
    /// Optional fields read from the latest scoring run (<c>household_score</c>): <c>hazard_exposure</c> is the
    /// highest known exposure (stored with the score), <c>vulnerability</c> the overall score.
    /// </summary>
    private static readonly string[] s_scoreFields = ["hazard_exposure", "vulnerability"];

    public async Task<IReadOnlyList<string>> OptionalHouseholdNumbersAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var names = await HouseholdNumberColumnsAsync(connection, cancellationToken).ConfigureAwait(false);
        if (await ReadsScoresAsync(connection, names, cancellationToken).ConfigureAwait(false))
            names.AddRange(s_scoreFields);
        return names;
    }

    private static async Task<bool> ReadsScoresAsync(NpgsqlConnection connection, List<string> columns, CancellationToken cancellationToken) =>
        !columns.Intersect(s_scoreFields).Any() &&
        await connection.ScalarAsync("SELECT EXISTS (SELECT 1 FROM household_score)", null, cancellationToken).ConfigureAwait(false) is true;

    private static async Task<List<string>> HouseholdNumberColumnsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Columns added by later migrations become optional fields automatically.
        var names = new List<string>();
        await using var cmd = connection.Command(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'household' " +
            "AND data_type IN ('double precision', 'integer', 'bigint', 'real', 'numeric', 'smallint') ORDER BY ordinal_position", null);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!s_standardHouseholdColumns.Contains(r.GetString(0)))
                names.Add(r.GetString(0));
        }
        return names;
    }

    /// <remarks>
    /// Two ordered scans on two pooled connections, read with the driver's asynchronous calls (buffered rows answer at
    /// once). The token goes to every call: cancelled, Npgsql cancels the queries on the server and the connections
    /// return to the pool usable.
    /// </remarks>
    public async Task ScanAsync(RegistrySnapshotBuilder builder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        await using var hc = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var pc = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var columns = await HouseholdNumberColumnsAsync(hc, cancellationToken).ConfigureAwait(false);
        var scored = await ReadsScoresAsync(hc, columns, cancellationToken).ConfigureAwait(false);
        var extraSql = string.Concat(columns.Select(n => $", h.\"{n}\"::double precision"));
        if (scored)
            extraSql += ", s.max_exposure, s.score";
        await using var households = hc.Command(
            $"SELECT h.id, h.area_pcode, {Case("h.dwelling", Codes.Dwelling)}, h.income_before, h.income_now, {Tri("h.remittances")}, " +
            $"h.remittance_amount, {Case("h.remittance_change", Codes.RemittanceChange)}, {Tri("h.debt")}, {Tri("h.savings")}, " +
            $"{Tri("h.assistance_received")}, h.shocks, h.record_key{extraSql} FROM household h" +
            (scored ? " LEFT JOIN household_score s ON s.household_id = h.id" : "") + " ORDER BY h.id", null);
        await using var persons = pc.Command(
            $"SELECT p.household_id, {Case("p.sex", Codes.Sex)}, p.age, {Case("p.relation", Codes.Relation)}, " +
            $"{Case("p.mig_status", Codes.MigratoryStatus)}, p.prev_country, {Case("p.move_reason", Codes.MoveReason)}, " +
            $"{Tri("p.disability")}, {Tri("p.in_school")}, {Tri("p.employed_before")}, {Tri("p.employed_now")}, " +
            // Move month as SnapshotCodes.MonthOf encodes it.
            $"coalesce((extract(year FROM p.move_date)::integer - {SnapshotCodes.FirstMoveYear}) * 12 + extract(month FROM p.move_date)::integer, 0), p.record_key " +
            "FROM person p ORDER BY p.household_id, p.line", null);
        await using var hr = await households.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var pr = await persons.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var extras = new double[columns.Count + (scored ? s_scoreFields.Length : 0)];
        var hasPerson = await pr.ReadAsync(cancellationToken).ConfigureAwait(false);
        while (await hr.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = hr.GetInt64(0);
            for (var i = 0; i < extras.Length; i++)
                extras[i] = hr.IsDBNull(13 + i) ? double.NaN : hr.GetDouble(13 + i);
            builder.AddHousehold(new SnapshotHousehold(
                hr.GetString(1), (byte)hr.GetInt32(2), hr.GetNullableDouble(3), hr.GetNullableDouble(4), (byte)hr.GetInt32(5),
                hr.GetNullableDouble(6), (byte)hr.GetInt32(7), (byte)hr.GetInt32(8), (byte)hr.GetInt32(9), (byte)hr.GetInt32(10),
                (byte)hr.GetInt32(11), (uint)hr.GetInt64(12), id), extras);
            while (hasPerson && pr.GetInt64(0) < id)
                hasPerson = await pr.ReadAsync(cancellationToken).ConfigureAwait(false);
            while (hasPerson && pr.GetInt64(0) == id)
            {
                builder.AddPerson(new SnapshotPerson(
                    (byte)pr.GetInt32(1), pr.GetNullableInt(2), (byte)pr.GetInt32(3), (byte)pr.GetInt32(4), pr.GetNullableString(5),
                    (byte)pr.GetInt32(6), (byte)pr.GetInt32(7), (byte)pr.GetInt32(8), (byte)pr.GetInt32(9), (byte)pr.GetInt32(10),
                    MoveMonth(pr.GetInt32(11)), (uint)pr.GetInt64(12)));
                hasPerson = await pr.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static ushort MoveMonth(int encoded) => encoded is > 0 and <= ushort.MaxValue ? (ushort)encoded : (ushort)0;

    /// <summary>Code text → 1-based position in the code list (0 = NULL or unknown), matching <see cref="SnapshotCodes"/>.</summary>
    internal static string Case<TEnum>(string column, CodeList<TEnum> list) where TEnum : struct, Enum
    {
        var sql = new StringBuilder("CASE ").Append(column);
        for (var i = 0; i < list.Entries.Count; i++)
            sql.Append(" WHEN '").Append(list.Entries[i].Code).Append("' THEN ").Append(i + 1);
        return sql.Append(" ELSE 0 END").ToString();
    }

    /// <summary>Yes/no stored as boolean/NULL → tri-state 1/2/0.</summary>
    internal static string Tri(string column) => $"CASE {column} WHEN false THEN 1 WHEN true THEN 2 ELSE 0 END";
}
