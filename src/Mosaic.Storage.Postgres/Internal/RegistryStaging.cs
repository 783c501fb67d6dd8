using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Npgsql;

namespace Mosaic.Storage.Postgres.Internal;

/// <summary>
/// The staging side of a registration import and its set-based merge. Members and movements (most of the rows) go
/// by binary <c>COPY</c> straight into the registry tables, under household ids reserved from the sequence for the
/// chunk, when the tables are plain (one server): the rows stay invisible until commit. Households go by <c>COPY</c>
/// straight into the registry too when the import holds the merge lock from its start (<see cref="Owned"/>: no
/// other import can store a submission id until this one commits, so the store's answers to "is this id new?" are
/// final and the unique index never meets another import's row); otherwise into a temporary staging table (dropped
/// at commit), where whether a submission id is new is decided only at the merge, under the merge lock, which then
/// deletes the member and movement rows of the rare household another import committed meanwhile. Partitioned
/// tables (a cluster, foreign partitions) stage members and movements too, and the merge inserts them in batches
/// through postgres_fdw. Ids are reserved in input order, so store ids follow the file.
/// </summary>
internal sealed class RegistryStaging
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _tx;
    private readonly Dictionary<string, string> _adm1;
    // Record keys for cell-key perturbation: drawn once per record at import and never changed.
    private readonly Mosaic.Core.Disclosure.RecordKeyGenerator _keys = new();
    private readonly bool _direct;
    private readonly string _personTable;
    private readonly string _movementTable;
    private long _persons;
    private long _households;
    private long? _batchId;

    private RegistryStaging(NpgsqlConnection connection, NpgsqlTransaction tx, Dictionary<string, string> adm1, bool direct)
    {
        _connection = connection;
        _tx = tx;
        _adm1 = adm1;
        _direct = direct;
        (_personTable, _movementTable) = _direct ? ("person", "movement") : ("stage_person", "stage_movement");
    }

    /// <summary>The staging tables of one import, created in its transaction (dropped at commit).</summary>
    public static async Task<RegistryStaging> CreateAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Dictionary<string, string> adm1,
        CancellationToken cancellationToken)
    {
        // A COPY into a partitioned table with foreign partitions would send its rows one by one: stage those.
        var direct = await connection.ScalarAsync("SELECT relkind::text FROM pg_class WHERE oid = 'person'::regclass", tx, cancellationToken)
            .ConfigureAwait(false) is "r";
        // Staged rows have the registry's column types; the batch is given by the merge.
        await connection.ExecuteAsync($"""
            CREATE TEMP TABLE stage_household (LIKE household) ON COMMIT DROP;
            ALTER TABLE stage_household ALTER batch_id DROP NOT NULL;
            {(direct ? "" : "CREATE TEMP TABLE stage_person (LIKE person) ON COMMIT DROP; CREATE TEMP TABLE stage_movement (LIKE movement) ON COMMIT DROP;")}
            """, tx, cancellationToken).ConfigureAwait(false);
        return new RegistryStaging(connection, tx, adm1, direct);
    }

    /// <summary>Whether households, members and movements can go straight into the registry's own tables (one server).</summary>
    public bool Direct => _direct;

    /// <summary>
    /// From now on households go straight into the registry under <paramref name="batchId"/>: the caller holds the
    /// merge lock until commit and has created the batch. Only on the direct layout, before the first chunk.
    /// </summary>
    public void Owned(long batchId)
    {
        if (!_direct || _households > 0 || _persons > 0)
            throw new InvalidOperationException("households go straight into the registry only on one server, from the first chunk");
        _batchId = batchId;
    }

    /// <summary>
    /// Sends a chunk of households (in input order) to the staging tables, or the registry's (<see cref="Owned"/>). A
    /// cancelled call leaves the transaction to be rolled back (the batch is disposed then).
    /// </summary>
    public async Task WriteAsync(IReadOnlyList<(Household Household, byte[] Fingerprint)> chunk, CancellationToken cancellationToken)
    {
        var ids = await ReserveIdsAsync(chunk.Count, cancellationToken).ConfigureAwait(false);
        var adm1s = new string[chunk.Count];
        for (var i = 0; i < adm1s.Length; i++)
            adm1s[i] = Adm1(chunk[i].Household.AreaPcode);
        await using (var w = await CopyRows.BeginAsync(_connection, _batchId is null
            ? $"COPY stage_household (id, fingerprint, adm1_pcode, record_key, {RegistrySql.Household}) FROM STDIN (FORMAT BINARY)"
            : $"COPY household (id, fingerprint, adm1_pcode, record_key, {RegistrySql.Household}, batch_id) FROM STDIN (FORMAT BINARY)", cancellationToken)
            .ConfigureAwait(false))
        {
            var n = 0;
            var columns = (short)(_batchId is null ? 23 : 24);
            foreach (var (h, fingerprint) in chunk)
            {
                await w.StartRowAsync(columns, cancellationToken).ConfigureAwait(false);
                w.Bigint(ids[n]);
                w.Bytea(fingerprint);
                w.Text(adm1s[n++]);
                w.Bigint(_keys.Next());
                w.Text(h.SubmissionId);
                w.Text(h.HouseholdCode);
                w.Text(h.AreaPcode);
                w.TimestampTz(h.SubmittedAt);
                w.Double(h.Gps?.Latitude);
                w.Double(h.Gps?.Longitude);
                w.Double(h.Gps?.Altitude);
                w.Double(h.Gps?.Accuracy);
                w.Text(h.Dwelling is { } d ? Codes.Dwelling[d] : null);
                w.Double(h.IncomeBefore);
                w.Double(h.IncomeNow);
                w.Boolean(h.Remittances);
                w.Double(h.RemittanceAmount);
                w.Text(h.RemittanceChange is { } rc ? Codes.RemittanceChange[rc] : null);
                w.Boolean(h.Debt);
                w.Boolean(h.Savings);
                w.Boolean(h.AssistanceReceived);
                w.Integer((int)h.Shocks);
                w.Double(h.ReferenceWelfare);
                if (_batchId is { } batch)
                    w.Bigint(batch);
            }
            _households += await w.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var w = await CopyRows.BeginAsync(_connection,
            $"COPY {_personTable} (household_id, adm1_pcode, record_key, {RegistrySql.Person}) FROM STDIN (FORMAT BINARY)", cancellationToken)
            .ConfigureAwait(false))
        {
            var n = 0;
            foreach (var (h, _) in chunk)
            {
                var adm1 = adm1s[n];
                foreach (var m in h.Members)
                {
                    await w.StartRowAsync(Copy.PersonFields, cancellationToken).ConfigureAwait(false);
                    Copy.Person(w, ids[n], adm1, _keys.Next(), m);
                }
                n++;
            }
            _persons += await w.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var w = await CopyRows.BeginAsync(_connection,
            $"COPY {_movementTable} (household_id, adm1_pcode, line, seq, from_pcode, from_country, to_pcode, date, reason, status_before, status_after) " +
            "FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            var n = 0;
            foreach (var (h, _) in chunk)
            {
                var adm1 = adm1s[n];
                foreach (var m in h.Members)
                {
                    var seq = 0;
                    foreach (var move in MovementHistory.Of(h, m))
                    {
                        await w.StartRowAsync(Copy.MovementFields, cancellationToken).ConfigureAwait(false);
                        Copy.Movement(w, ids[n], adm1, m.LineNumber, ++seq, move);
                    }
                }
                n++;
            }
            await w.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Store ids for the next <paramref name="count"/> households, increasing in input order (gaps are harmless).</summary>
    private async Task<long[]> ReserveIdsAsync(int count, CancellationToken cancellationToken)
    {
        var ids = new long[count];
        await using var cmd = _connection.Command("SELECT nextval('household_id_seq') FROM generate_series(1, @n) ORDER BY 1", _tx, ("n", count));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; await r.ReadAsync(cancellationToken).ConfigureAwait(false); i++)
            ids[i] = r.GetInt64(0);
        return ids;
    }

    private string Adm1(string areaPcode) => _adm1.TryGetValue(areaPcode, out var a) ? a : areaPcode;

    /// <summary>
    /// Moves staged households whose submission id is not stored yet into the registry, with their rows. The caller
    /// holds the merge lock, so "not stored yet" cannot change until this transaction commits.
    /// </summary>
    /// <returns>Households and persons added (the exact counts, whatever other imports committed before).</returns>
    public async Task<RegistrationCommitted> MergeAsync(long batchId, CancellationToken cancellationToken)
    {
        // Owned: every household is in the registry already, and none can have been stored by another import.
        if (_batchId is not null)
            return new RegistrationCommitted(_households, _persons);
        // Households another import stored since this one staged them: out of the staging table, and (direct path)
        // their members' and movements' rows out of the registry again.
        await _connection.ExecuteAsync("""
            CREATE TEMP TABLE stage_stored ON COMMIT DROP AS
                SELECT s.id FROM stage_household s WHERE EXISTS (SELECT 1 FROM household h WHERE h.submission_id = s.submission_id);
            DELETE FROM stage_household s USING stage_stored t WHERE s.id = t.id;
            """, _tx, cancellationToken).ConfigureAwait(false);
        var skipped = await _connection.ExecuteAsync($"DELETE FROM {_personTable} p USING stage_stored t WHERE p.household_id = t.id", _tx, cancellationToken)
            .ConfigureAwait(false);
        await _connection.ExecuteAsync($"DELETE FROM {_movementTable} m USING stage_stored t WHERE m.household_id = t.id", _tx, cancellationToken)
            .ConfigureAwait(false);
        var households = await _connection.ExecuteAsync($"""
            INSERT INTO household (id, fingerprint, batch_id, adm1_pcode, record_key, {RegistrySql.Household})
                SELECT s.id, s.fingerprint, @batch, s.adm1_pcode, s.record_key, {RegistrySql.Prefixed("s.", RegistrySql.Household)}
                FROM stage_household s
            """, _tx, cancellationToken, ("batch", batchId)).ConfigureAwait(false);
        if (_direct)
            return new RegistrationCommitted(households, _persons - skipped);
        var persons = await _connection.ExecuteAsync($"""
            INSERT INTO person (household_id, adm1_pcode, record_key, {RegistrySql.Person})
                SELECT p.household_id, p.adm1_pcode, p.record_key, {RegistrySql.Prefixed("p.", RegistrySql.Person)} FROM stage_person p
            """, _tx, cancellationToken).ConfigureAwait(false);
        await _connection.ExecuteAsync("""
            INSERT INTO movement (household_id, adm1_pcode, line, seq, from_pcode, from_country, to_pcode, date, reason, status_before, status_after)
                SELECT m.household_id, m.adm1_pcode, m.line, m.seq, m.from_pcode, m.from_country, m.to_pcode, m.date, m.reason, m.status_before, m.status_after
                FROM stage_movement m
            """, _tx, cancellationToken).ConfigureAwait(false);
        return new RegistrationCommitted(households, persons);
    }
}
