using Mosaic.Core.Registry;
using Npgsql;
using NpgsqlTypes;

namespace Mosaic.Storage.Postgres.Internal;

/// <summary>
/// The staging side of a registration import: temporary tables (dropped at commit) filled by binary <c>COPY</c>,
/// and the set-based merge that moves the households not yet stored, with their members and movements, into the
/// registry tables. Staged households are numbered in input order, so store ids follow the file.
/// </summary>
internal sealed class RegistryStaging
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _tx;
    private readonly Dictionary<string, string> _adm1;
    // Record keys for cell-key perturbation: drawn once per record at import and never changed.
    private readonly Mosaic.Core.Disclosure.RecordKeyGenerator _keys = new();
    private int _staged;

    public RegistryStaging(NpgsqlConnection connection, NpgsqlTransaction tx, Dictionary<string, string> adm1)
    {
        _connection = connection;
        _tx = tx;
        _adm1 = adm1;
        // Staged rows have the registry's column types; store ids and the batch are given by the merge.
        connection.Execute("""
            CREATE TEMP TABLE stage_household (stage_no integer NOT NULL, LIKE household) ON COMMIT DROP;
            ALTER TABLE stage_household ALTER id DROP NOT NULL, ALTER batch_id DROP NOT NULL;
            CREATE TEMP TABLE stage_person (LIKE person) ON COMMIT DROP;
            CREATE TEMP TABLE stage_movement (LIKE movement) ON COMMIT DROP;
            """, tx);
    }

    /// <summary>Sends a chunk of households (in input order) to the staging tables.</summary>
    public void Write(IReadOnlyList<(Household Household, byte[] Fingerprint)> chunk)
    {
        var first = _staged;
        using (var w = _connection.BeginBinaryImport(
            $"COPY stage_household (stage_no, fingerprint, adm1_pcode, record_key, {RegistrySql.Household}) FROM STDIN (FORMAT BINARY)"))
        {
            var n = first;
            foreach (var (h, fingerprint) in chunk)
            {
                w.StartRow();
                w.Write(n++, NpgsqlDbType.Integer);
                w.Write(fingerprint, NpgsqlDbType.Bytea);
                w.Write(Adm1(h.AreaPcode), NpgsqlDbType.Text);
                w.Write((long)_keys.Next(), NpgsqlDbType.Bigint);
                w.Write(h.SubmissionId, NpgsqlDbType.Text);
                Copy.Text(w, h.HouseholdCode);
                w.Write(h.AreaPcode, NpgsqlDbType.Text);
                Copy.Value(w, h.SubmittedAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                Copy.Value(w, h.Gps?.Latitude, NpgsqlDbType.Double);
                Copy.Value(w, h.Gps?.Longitude, NpgsqlDbType.Double);
                Copy.Value(w, h.Gps?.Altitude, NpgsqlDbType.Double);
                Copy.Value(w, h.Gps?.Accuracy, NpgsqlDbType.Double);
                Copy.Text(w, h.Dwelling is { } d ? Codes.Dwelling[d] : null);
                Copy.Value(w, h.IncomeBefore, NpgsqlDbType.Double);
                Copy.Value(w, h.IncomeNow, NpgsqlDbType.Double);
                Copy.Value(w, h.Remittances, NpgsqlDbType.Boolean);
                Copy.Value(w, h.RemittanceAmount, NpgsqlDbType.Double);
                Copy.Text(w, h.RemittanceChange is { } rc ? Codes.RemittanceChange[rc] : null);
                Copy.Value(w, h.Debt, NpgsqlDbType.Boolean);
                Copy.Value(w, h.Savings, NpgsqlDbType.Boolean);
                Copy.Value(w, h.AssistanceReceived, NpgsqlDbType.Boolean);
                w.Write((int)h.Shocks, NpgsqlDbType.Integer);
                Copy.Value(w, h.ReferenceWelfare, NpgsqlDbType.Double);
            }
            w.Complete();
        }
        using (var w = _connection.BeginBinaryImport(
            $"COPY stage_person (household_id, adm1_pcode, record_key, {RegistrySql.Person}) FROM STDIN (FORMAT BINARY)"))
        {
            var n = first;
            foreach (var (h, _) in chunk)
            {
                var adm1 = Adm1(h.AreaPcode);
                foreach (var m in h.Members)
                    Copy.Person(w, n, adm1, _keys.Next(), m);
                n++;
            }
            w.Complete();
        }
        using (var w = _connection.BeginBinaryImport(
            "COPY stage_movement (household_id, adm1_pcode, line, seq, from_pcode, from_country, to_pcode, date, reason, status_before, status_after) " +
            "FROM STDIN (FORMAT BINARY)"))
        {
            var n = first;
            foreach (var (h, _) in chunk)
            {
                var adm1 = Adm1(h.AreaPcode);
                foreach (var m in h.Members)
                {
                    var seq = 0;
                    foreach (var move in MovementHistory.Of(h, m))
                        Copy.Movement(w, n, adm1, m.LineNumber, ++seq, move);
                }
                n++;
            }
            w.Complete();
        }
        _staged += chunk.Count;
    }

    private string Adm1(string areaPcode) => _adm1.TryGetValue(areaPcode, out var a) ? a : areaPcode;

    /// <summary>
    /// Moves staged households whose submission id is not stored yet into the registry, with their rows. The caller
    /// holds the merge lock, so "not stored yet" cannot change until this transaction commits.
    /// </summary>
    /// <returns>Households added.</returns>
    public int Merge(long batchId)
    {
        var added = _connection.Execute($"""
            CREATE TEMP TABLE stage_new ON COMMIT DROP AS
                SELECT stage_no, nextval('household_id_seq') AS id
                FROM (SELECT s.stage_no FROM stage_household s
                      WHERE NOT EXISTS (SELECT 1 FROM household h WHERE h.submission_id = s.submission_id)
                      ORDER BY s.stage_no) fresh;
            """, _tx);
        _connection.Execute($"""
            INSERT INTO household (id, fingerprint, batch_id, adm1_pcode, record_key, {RegistrySql.Household})
                SELECT n.id, s.fingerprint, @batch, s.adm1_pcode, s.record_key, {RegistrySql.Prefixed("s.", RegistrySql.Household)}
                FROM stage_new n JOIN stage_household s USING (stage_no) ORDER BY n.id;
            INSERT INTO person (household_id, adm1_pcode, record_key, {RegistrySql.Person})
                SELECT n.id, p.adm1_pcode, p.record_key, {RegistrySql.Prefixed("p.", RegistrySql.Person)}
                FROM stage_new n JOIN stage_person p ON p.household_id = n.stage_no;
            INSERT INTO movement (household_id, adm1_pcode, line, seq, from_pcode, from_country, to_pcode, date, reason, status_before, status_after)
                SELECT n.id, m.adm1_pcode, m.line, m.seq, m.from_pcode, m.from_country, m.to_pcode, m.date, m.reason, m.status_before, m.status_after
                FROM stage_new n JOIN stage_movement m ON m.household_id = n.stage_no;
            """, _tx, ("batch", batchId));
        return added;
    }
}
