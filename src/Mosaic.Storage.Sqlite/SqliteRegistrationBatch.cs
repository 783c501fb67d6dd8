using System.Globalization;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite;

/// <summary>
/// One import transaction: the bulk path. Statements are prepared once and driven through SQLite's own calls for
/// every row (see <see cref="RawStatement"/>); SQLite does the rest fastest inside a single transaction. A household
/// is one insert that skips a stored submission id (no separate look-up); persons and movements go in multi-row
/// inserts of <see cref="RowsPerInsert"/> rows, which run SQLite's per-statement work once per group instead of once
/// per row. Only values present are bound (the statements reset every parameter to NULL after each run).
/// </summary>
internal sealed class SqliteRegistrationBatch : IRegistrationBatch
{
    /// <summary>Rows per multi-row insert: 64 persons are 1,472 parameters, far under SQLite's limit of 32,766.</summary>
    internal const int RowsPerInsert = 64;

    private static readonly int s_householdColumns = RegistryColumns.Count(RegistryColumns.Household);
    private static readonly int s_personColumns = RegistryColumns.Count(RegistryColumns.Person) + 2;

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _tx;
    private readonly bool _foreignKeysPaused;
    private readonly RawStatement _findFingerprint;
    private readonly RawStatement _insertHousehold;
    private readonly RowGroup<PendingPerson> _persons;
    private readonly RowGroup<PendingMovement> _movements;
    private readonly RecordKeyGenerator _keys = new();
    private long _households;
    private long _personCount;
    private bool _done;

    public SqliteRegistrationBatch(SqliteConnection connection, string source)
    {
        _connection = connection;
        // Every reference this batch writes points at a row it wrote itself (its import_batch row, the household ids
        // SQLite has just assigned), so SQLite's per-row foreign-key look-ups cannot fail here: they are paused for
        // the transaction (about 1.2 s per million person rows) and restored when it ends. The pragma only takes
        // effect outside a transaction; inside one the checks simply stay on.
        _foreignKeysPaused = Convert.ToInt64(connection.ExecuteScalar("PRAGMA foreign_keys"), CultureInfo.InvariantCulture) == 1;
        if (_foreignKeysPaused)
            connection.Execute("PRAGMA foreign_keys = OFF");
        try
        {
            _tx = connection.BeginTransaction();
        }
        catch
        {
            RestoreForeignKeys();
            throw;
        }
        var batchId = Convert.ToInt64(connection.ExecuteScalar(
            "INSERT INTO import_batch (kind, source, imported_at) VALUES ('registrations', $s, $t) RETURNING id", _tx,
            ("$s", source), ("$t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture))), CultureInfo.InvariantCulture);

        _findFingerprint = new RawStatement(connection, "SELECT fingerprint FROM household WHERE submission_id = ?1");
        // A submission id already stored (committed, or earlier in this transaction) makes the insert a no-op.
        _insertHousehold = new RawStatement(connection,
            $"INSERT INTO household ({RegistryColumns.Household}, fingerprint, record_key, batch_id) " +
            $"VALUES ({Placeholders(1, s_householdColumns + 2)}, {batchId}) ON CONFLICT (submission_id) DO NOTHING",
            clearsBindings: true);
        _persons = new RowGroup<PendingPerson>(connection,
            $"INSERT INTO person (household_id, {RegistryColumns.Person}, record_key) VALUES ", s_personColumns, BindPerson);
        _movements = new RowGroup<PendingMovement>(connection,
            "INSERT INTO movement (household_id, line, seq, from_pcode, from_country, to_pcode, date, reason, status_before, status_after) VALUES ",
            10, BindMovement);
    }

    private static string Placeholders(int first, int count) =>
        string.Join(", ", Enumerable.Range(first, count).Select(i => "?" + i.ToString(CultureInfo.InvariantCulture)));

    private byte[]? FindFingerprint(string submissionId)
    {
        _findFingerprint.Text(1, submissionId);
        return _findFingerprint.QueryBlob();
    }

    // In-process: the chunk is written on the caller's thread, household by household in input order (so an id earlier
    // in the same chunk is seen as stored), and a completed task returned.
    public Task<IReadOnlyList<RegistrationOutcome>> AddAsync(IReadOnlyList<FingerprintedHousehold> chunk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        cancellationToken.ThrowIfCancellationRequested();
        var outcomes = new RegistrationOutcome[chunk.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            var (household, fingerprint) = chunk[i];
            var stored = AddUnlessStored(household, fingerprint);
            outcomes[i] = stored is null ? RegistrationOutcome.Added
                : stored.AsSpan().SequenceEqual(fingerprint) ? RegistrationOutcome.Duplicate
                : RegistrationOutcome.Conflict;
        }
        return Task.FromResult<IReadOnlyList<RegistrationOutcome>>(outcomes);
    }

    /// <summary>One insert that skips a stored id: null when added, else the fingerprint stored for the id.</summary>
    private byte[]? AddUnlessStored(Household household, byte[] fingerprint)
    {
        ArgumentNullException.ThrowIfNull(household);
        ArgumentNullException.ThrowIfNull(fingerprint);
        RegistryRowMapper.BindHousehold(_insertHousehold, household);
        _insertHousehold.Blob(s_householdColumns + 1, fingerprint);
        _insertHousehold.Long(s_householdColumns + 2, _keys.Next());
        _insertHousehold.Execute();
        if (_insertHousehold.Changes == 0)
            return FindFingerprint(household.SubmissionId) ?? throw new InvalidOperationException(
                $"submission {household.SubmissionId} was neither inserted nor found");
        var id = _insertHousehold.LastInsertRowId;
        _households++;
        _personCount += household.Members.Count;

        foreach (var person in household.Members)
        {
            _persons.Add(new PendingPerson(id, person, _keys.Next()));
            var seq = 0;
            foreach (var move in MovementHistory.Of(household, person))
                _movements.Add(new PendingMovement(id, person.LineNumber, ++seq, move));
        }
        return null;
    }

    private static void BindPerson(RawStatement s, int at, PendingPerson p)
    {
        s.Long(at, p.HouseholdId);
        RegistryRowMapper.BindPerson(s, p.Person, at);
        s.Long(at + s_personColumns - 1, p.RecordKey);
    }

    private static void BindMovement(RawStatement s, int at, PendingMovement p)
    {
        var m = p.Move;
        s.Long(at, p.HouseholdId);
        s.Long(at + 1, p.Line);
        s.Long(at + 2, p.Seq);
        s.Code(at + 3, m.FromPcode);
        s.Code(at + 4, m.FromCountry);
        s.Code(at + 5, m.ToPcode);
        s.Formatted(at + 6, m.Date, "yyyy-MM-dd");
        s.Code(at + 7, m.Reason is { } r ? Codes.MoveReason[r] : null);
        s.Code(at + 8, Codes.MigratoryStatus[m.StatusBefore]);
        s.Code(at + 9, Codes.MigratoryStatus[m.StatusAfter]);
    }

    // The transaction holds SQLite's write lock from its first statement: nothing else commits in between.
    public Task<RegistrationCommitted> CommitAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _persons.Flush();
        _movements.Flush();
        _tx.Commit();
        _done = true;
        return Task.FromResult(new RegistrationCommitted(_households, _personCount));
    }

    /// <summary>As <see cref="Dispose"/>: SQLite rolls back in-process, on the caller's thread.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        // Statements must be finalized before the transaction ends, or SQLite keeps them pinned to it.
        _findFingerprint.Dispose();
        _insertHousehold.Dispose();
        _persons.Dispose();
        _movements.Dispose();
        if (!_done)
            _tx.Rollback();
        _tx.Dispose();
        RestoreForeignKeys();
    }

    private void RestoreForeignKeys()
    {
        if (_foreignKeysPaused)
            _connection.Execute("PRAGMA foreign_keys = ON");
    }

    private readonly record struct PendingPerson(long HouseholdId, Person Person, long RecordKey);

    private readonly record struct PendingMovement(long HouseholdId, int Line, int Seq, Movement Move);

    /// <summary>
    /// Rows of one table inserted <see cref="RowsPerInsert"/> at a time: each row is bound into the multi-row statement
    /// as it arrives, which runs when full; the rows of a last, partial group go through a one-row statement.
    /// </summary>
    private sealed class RowGroup<T> : IDisposable
    {
        private readonly RawStatement _many;
        private readonly RawStatement _one;
        private readonly int _columns;
        private readonly Action<RawStatement, int, T> _bind;
        private readonly T[] _pending = new T[RowsPerInsert];
        private int _count;

        public RowGroup(SqliteConnection connection, string insert, int columns, Action<RawStatement, int, T> bind)
        {
            _columns = columns;
            _bind = bind;
            _many = new RawStatement(connection, insert + Rows(RowsPerInsert, columns), clearsBindings: true);
            _one = new RawStatement(connection, insert + Rows(1, columns), clearsBindings: true);
        }

        private static string Rows(int rows, int columns) =>
            string.Join(", ", Enumerable.Range(0, rows).Select(r => $"({Placeholders(1 + (r * columns), columns)})"));

        public void Add(T row)
        {
            _bind(_many, 1 + (_count * _columns), row);
            _pending[_count++] = row;
            if (_count < RowsPerInsert)
                return;
            _many.Execute();
            _count = 0;
        }

        public void Flush()
        {
            for (var i = 0; i < _count; i++)
            {
                _bind(_one, 1, _pending[i]);
                _one.Execute();
            }
            _count = 0;
        }

        public void Dispose()
        {
            _many.Dispose();
            _one.Dispose();
        }
    }
}
