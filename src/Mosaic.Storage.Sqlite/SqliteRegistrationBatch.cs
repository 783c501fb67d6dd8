using System.Globalization;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite;

/// <summary>
/// One import transaction with prepared statements reused for every row: the bulk path. SQLite does
/// the rest fastest inside a single transaction.
/// </summary>
internal sealed class SqliteRegistrationBatch : IRegistrationBatch
{
    private readonly SqliteTransaction _tx;
    private readonly SqliteCommand _findFingerprint;
    private readonly SqliteCommand _insertHousehold;
    private readonly SqliteCommand _insertPerson;
    private readonly SqliteCommand _insertMovement;
    private readonly long _batchId;
    private bool _done;

    public SqliteRegistrationBatch(SqliteConnection connection, string source)
    {
        _tx = connection.BeginTransaction();
        _batchId = Convert.ToInt64(connection.ExecuteScalar(
            "INSERT INTO import_batch (kind, source, imported_at) VALUES ('registrations', $s, $t) RETURNING id", _tx,
            ("$s", source), ("$t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture))), CultureInfo.InvariantCulture);

        _findFingerprint = connection.CreateCommand("SELECT fingerprint FROM household WHERE submission_id = $id", _tx, ("$id", ""));
        _insertHousehold = Prepared(connection,
            $"INSERT INTO household ({RegistryColumns.Household}, fingerprint, batch_id) " +
            $"VALUES ({RegistryColumns.Placeholders(RegistryColumns.Household)}, $fp, {_batchId}) RETURNING id",
            RegistryColumns.Count(RegistryColumns.Household), "$fp");
        _insertPerson = Prepared(connection,
            $"INSERT INTO person (household_id, {RegistryColumns.Person}) VALUES ($hid, {RegistryColumns.Placeholders(RegistryColumns.Person)})",
            RegistryColumns.Count(RegistryColumns.Person), "$hid");
        _insertMovement = connection.CreateCommand(
            "INSERT INTO movement (household_id, line, seq, from_pcode, from_country, to_pcode, date, reason, status_before, status_after) " +
            "VALUES ($h, $l, $s, $fp, $fc, $to, $d, $r, $sb, $sa)", _tx,
            ("$h", 0L), ("$l", 0), ("$s", 0), ("$fp", null), ("$fc", null), ("$to", ""), ("$d", null), ("$r", null), ("$sb", ""), ("$sa", ""));
    }

    private SqliteCommand Prepared(SqliteConnection connection, string sql, int count, string extra)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = _tx;
        cmd.CommandText = sql;
        for (var i = 0; i < count; i++)
            cmd.Parameters.Add(new SqliteParameter("$" + i.ToString(CultureInfo.InvariantCulture), DBNull.Value));
        cmd.Parameters.Add(new SqliteParameter(extra, DBNull.Value));
        cmd.Prepare();
        return cmd;
    }

    public byte[]? FindFingerprint(string submissionId)
    {
        _findFingerprint.Parameters[0].Value = submissionId;
        return _findFingerprint.ExecuteScalar() as byte[];
    }

    public void Add(Household household, byte[] fingerprint)
    {
        var hp = _insertHousehold.Parameters;
        RegistryRowMapper.BindHousehold(hp, household);
        hp[^1].Value = fingerprint;
        var id = (long)_insertHousehold.ExecuteScalar()!;

        var pp = _insertPerson.Parameters;
        pp[^1].Value = id;
        foreach (var person in household.Members)
        {
            RegistryRowMapper.BindPerson(pp, 0, person);
            _insertPerson.ExecuteNonQuery();
            var seq = 0;
            foreach (var move in MovementHistory.Of(household, person))
                AddMovement(id, person.LineNumber, ++seq, move);
        }
    }

    private void AddMovement(long householdId, int line, int seq, Movement m)
    {
        var p = _insertMovement.Parameters;
        p[0].Value = householdId;
        p[1].Value = line;
        p[2].Value = seq;
        p[3].Value = m.FromPcode.Db();
        p[4].Value = m.FromCountry.Db();
        p[5].Value = m.ToPcode;
        p[6].Value = m.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture).Db() ?? DBNull.Value;
        p[7].Value = m.Reason is { } r ? Codes.MoveReason[r] : DBNull.Value;
        p[8].Value = Codes.MigratoryStatus[m.StatusBefore];
        p[9].Value = Codes.MigratoryStatus[m.StatusAfter];
        _insertMovement.ExecuteNonQuery();
    }

    public void Commit()
    {
        _tx.Commit();
        _done = true;
    }

    public void Dispose()
    {
        if (!_done)
            _tx.Rollback();
        _findFingerprint.Dispose();
        _insertHousehold.Dispose();
        _insertPerson.Dispose();
        _insertMovement.Dispose();
        _tx.Dispose();
    }
}
