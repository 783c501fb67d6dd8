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
/// Households are encoded as they come into a round's three buffers of rows (<see cref="RegistryRound"/>), and a full round
/// is sent while the next one is encoded: the client's encoding overlaps the server's storing, and what waits to be
/// sent is bytes, not household objects the garbage collector would copy.
/// </summary>
internal sealed class RegistryStaging
{
    // Households per round of COPYs: few first, so the server starts at once, then more, so that the server's
    // set-up of each COPY (a slot per buffered row, the ids' reservation) is paid rarely.
    private const int FirstRound = 1024;
    private const int LargestRound = 16384;

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
    private RegistryRound _round = new();
    private RegistryRound _spare = new();
    private int _roundSize = FirstRound;
    private Task? _sending;

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
    /// Encodes a household (in input order) with its members and movements into the current round, and sends the
    /// round when it is full (<see cref="RegistryRound"/>). A cancelled or failed call leaves the transaction to be rolled
    /// back (the batch is disposed then).
    /// </summary>
    public async ValueTask AddAsync(Household household, byte[] fingerprint, CancellationToken cancellationToken)
    {
        if (_round.Ids.Length == 0)
            _round.Ids = await ReserveIdsAsync(_roundSize, cancellationToken).ConfigureAwait(false);
        _round.Encode(household, fingerprint, Adm1(household.AreaPcode), _batchId, _keys);
        _households++;
        _persons += household.Members.Count;
        if (_round.Households == _round.Ids.Length)
            await SendRoundAsync(more: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends what is encoded and waits until the server has stored every round (before any other statement).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_round.Households > 0)
            await SendRoundAsync(more: false, cancellationToken).ConfigureAwait(false);
        await QuietAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Waits for the round being sent, if any (its failure is thrown here): the connection is free for another
    /// statement after this.
    /// </summary>
    public async Task QuietAsync()
    {
        var sending = _sending;
        _sending = null;
        if (sending is not null)
            await sending.ConfigureAwait(false);
    }

    /// <summary>
    /// Starts sending the current round and makes the spare one current: the next round is encoded while the server
    /// stores this one. The previous round is waited for first and, when <paramref name="more"/> households may
    /// follow, the next round's ids are reserved before this one is sent (one statement at a time on the connection).
    /// </summary>
    private async Task SendRoundAsync(bool more, CancellationToken cancellationToken)
    {
        await QuietAsync().ConfigureAwait(false);
        var full = _round;
        _round = _spare;
        _spare = full;
        _round.Clear();
        if (more)
        {
            _roundSize = Math.Min(_roundSize * 2, LargestRound);
            _round.Ids = await ReserveIdsAsync(_roundSize, cancellationToken).ConfigureAwait(false);
        }
        _sending = SendAsync(full, cancellationToken);
    }

    private async Task SendAsync(RegistryRound round, CancellationToken cancellationToken)
    {
        await round.HouseholdRows.SendAsync(_connection, _batchId is null
            ? $"COPY stage_household (id, fingerprint, adm1_pcode, record_key, {RegistrySql.Household}) FROM STDIN (FORMAT BINARY)"
            : $"COPY household (id, fingerprint, adm1_pcode, record_key, {RegistrySql.Household}, batch_id) FROM STDIN (FORMAT BINARY)",
            cancellationToken).ConfigureAwait(false);
        await round.PersonRows.SendAsync(_connection,
            $"COPY {_personTable} (household_id, adm1_pcode, record_key, {RegistrySql.Person}) FROM STDIN (FORMAT BINARY)", cancellationToken)
            .ConfigureAwait(false);
        await round.MovementRows.SendAsync(_connection,
            $"COPY {_movementTable} (household_id, adm1_pcode, line, seq, from_pcode, from_country, to_pcode, date, reason, status_before, status_after) " +
            "FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
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
