using System.Globalization;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite;

/// <summary>
/// One import transaction: the bulk path. Statements are prepared once and driven through SQLitePCLRaw for
/// every row (see <see cref="RawStatement"/>); SQLite does the rest fastest inside a single transaction.
/// </summary>
internal sealed class SqliteRegistrationBatch : IRegistrationBatch
{
    private readonly SqliteTransaction _tx;
    private readonly RawStatement _findFingerprint;
    private readonly RawStatement _insertHousehold;
    private readonly RawStatement _insertPerson;
    private readonly RawStatement _insertMovement;
    private readonly RecordKeyGenerator _keys = new();
    private readonly int _householdKeyParameter;
    private readonly int _personKeyParameter;
    private long _households;
    private long _persons;
    private bool _done;

    public SqliteRegistrationBatch(SqliteConnection connection, string source)
    {
        _tx = connection.BeginTransaction();
        var batchId = Convert.ToInt64(connection.ExecuteScalar(
            "INSERT INTO import_batch (kind, source, imported_at) VALUES ('registrations', $s, $t) RETURNING id", _tx,
            ("$s", source), ("$t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture))), CultureInfo.InvariantCulture);

        var householdParams = RegistryColumns.Count(RegistryColumns.Household);
        _findFingerprint = new RawStatement(connection, "SELECT fingerprint FROM household WHERE submission_id = ?1");
        _householdKeyParameter = householdParams + 2;
        _insertHousehold = new RawStatement(connection,
            $"INSERT INTO household ({RegistryColumns.Household}, fingerprint, record_key, batch_id) " +
            $"VALUES ({Placeholders(1, householdParams)}, ?{householdParams + 1}, ?{_householdKeyParameter}, {batchId})");
        _personKeyParameter = RegistryColumns.Count(RegistryColumns.Person) + 2;
        _insertPerson = new RawStatement(connection,
            $"INSERT INTO person (household_id, {RegistryColumns.Person}, record_key) " +
            $"VALUES ({Placeholders(1, _personKeyParameter)})");
        _insertMovement = new RawStatement(connection,
            "INSERT INTO movement (household_id, line, seq, from_pcode, from_country, to_pcode, date, reason, status_before, status_after) " +
            $"VALUES ({Placeholders(1, 10)})");
    }

    private static string Placeholders(int first, int count) =>
        string.Join(", ", Enumerable.Range(first, count).Select(i => "?" + i.ToString(CultureInfo.InvariantCulture)));

    public byte[]? FindFingerprint(string submissionId)
    {
        _findFingerprint.Text(1, submissionId);
        return _findFingerprint.QueryBlob();
    }

    public void Add(Household household, byte[] fingerprint)
    {
        RegistryRowMapper.BindHousehold(_insertHousehold, household);
        _insertHousehold.Blob(RegistryColumns.Count(RegistryColumns.Household) + 1, fingerprint);
        _insertHousehold.Long(_householdKeyParameter, _keys.Next());
        _insertHousehold.Execute();
        var id = _insertHousehold.LastInsertRowId;
        _households++;
        _persons += household.Members.Count;

        foreach (var person in household.Members)
        {
            _insertPerson.Long(1, id);
            RegistryRowMapper.BindPerson(_insertPerson, person);
            _insertPerson.Long(_personKeyParameter, _keys.Next());
            _insertPerson.Execute();
            var seq = 0;
            foreach (var move in MovementHistory.Of(household, person))
                AddMovement(id, person.LineNumber, ++seq, move);
        }
    }

    private void AddMovement(long householdId, int line, int seq, Movement m)
    {
        var s = _insertMovement;
        s.Long(1, householdId);
        s.Long(2, line);
        s.Long(3, seq);
        s.Code(4, m.FromPcode);
        s.Code(5, m.FromCountry);
        s.Code(6, m.ToPcode);
        s.Text(7, m.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        s.Code(8, m.Reason is { } r ? Codes.MoveReason[r] : null);
        s.Code(9, Codes.MigratoryStatus[m.StatusBefore]);
        s.Code(10, Codes.MigratoryStatus[m.StatusAfter]);
        s.Execute();
    }

    // The transaction holds SQLite's write lock from its first statement: nothing else commits in between.
    public RegistrationCommitted Commit()
    {
        _tx.Commit();
        _done = true;
        return new RegistrationCommitted(_households, _persons);
    }

    public void Dispose()
    {
        // Statements must be finalized before the transaction ends, or SQLite keeps them pinned to it.
        _findFingerprint.Dispose();
        _insertHousehold.Dispose();
        _insertPerson.Dispose();
        _insertMovement.Dispose();
        if (!_done)
            _tx.Rollback();
        _tx.Dispose();
    }
}
