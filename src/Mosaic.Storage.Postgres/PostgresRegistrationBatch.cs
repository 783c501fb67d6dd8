using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Storage.Postgres.Internal;
using Npgsql;

namespace Mosaic.Storage.Postgres;

/// <summary>
/// One import transaction: the bulk path. Households are buffered and sent by binary <c>COPY</c> into temporary
/// staging tables; <see cref="Commit"/> merges them into the registry in a few set-based statements. Merges of
/// concurrent imports are serialised by an advisory lock, so a submission id committed meanwhile by another import
/// is skipped (never stored twice) and no two merges wait on each other's rows (no deadlock).
/// </summary>
internal sealed class PostgresRegistrationBatch : IRegistrationBatch
{
    /// <summary>Advisory lock key of registry merges ("MOSAICRG").</summary>
    internal const long MergeLock = 0x4D4F534149435247;

    private const int FlushEvery = 4096;

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _tx;
    private readonly string _source;
    private readonly RegistryStaging _staging;
    private readonly Dictionary<string, byte[]> _added = new(StringComparer.Ordinal);
    private readonly List<(Household Household, byte[] Fingerprint)> _buffer = new(FlushEvery);
    private readonly bool _registryHadRows;
    private NpgsqlCommand? _find;
    private bool _done;

    public PostgresRegistrationBatch(NpgsqlDataSource dataSource, string source)
    {
        _source = source;
        _connection = dataSource.OpenConnection();
        try
        {
            _tx = _connection.BeginTransaction();
            _staging = new RegistryStaging(_connection, _tx, Adm1Map(_connection, _tx));
            _registryHadRows = _connection.Scalar("SELECT EXISTS (SELECT 1 FROM household)", _tx) is true;
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>Each area's first-level ancestor (itself at level 1; its root when it has none): the partition key.</summary>
    private static Dictionary<string, string> Adm1Map(NpgsqlConnection connection, NpgsqlTransaction tx)
    {
        var parent = new Dictionary<string, (string? Parent, int Level)>(StringComparer.Ordinal);
        using (var cmd = connection.Command("SELECT pcode, parent_pcode, level FROM area", tx))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
                parent[r.GetString(0)] = (r.GetNullableString(1), r.GetInt32(2));
        }
        var map = new Dictionary<string, string>(parent.Count, StringComparer.Ordinal);
        foreach (var pcode in parent.Keys)
        {
            var at = pcode;
            for (var guard = 0; guard < 64 && parent.TryGetValue(at, out var p) && p.Level > 1 && p.Parent is { } up; guard++)
                at = up;
            map[pcode] = at;
        }
        return map;
    }

    public byte[]? FindFingerprint(string submissionId)
    {
        if (_added.TryGetValue(submissionId, out var own))
            return own;
        // An import into an empty registry needs no look-ups; the merge still skips ids another import committed.
        if (!_registryHadRows)
            return null;
        _find ??= PrepareFind();
        _find.Parameters[0].Value = submissionId;
        return _find.ExecuteScalar() as byte[];
    }

    private NpgsqlCommand PrepareFind()
    {
        var cmd = _connection.Command("SELECT fingerprint FROM household WHERE submission_id = @id", _tx, ("id", ""));
        cmd.Prepare();
        return cmd;
    }

    public void Add(Household household, byte[] fingerprint)
    {
        ArgumentNullException.ThrowIfNull(household);
        _added[household.SubmissionId] = fingerprint;
        _buffer.Add((household, fingerprint));
        if (_buffer.Count == FlushEvery)
            Flush();
    }

    private void Flush()
    {
        if (_buffer.Count == 0)
            return;
        _staging.Write(_buffer);
        _buffer.Clear();
    }

    public void Commit()
    {
        Flush();
        _connection.Execute("SELECT pg_advisory_xact_lock(@k)", _tx, ("k", MergeLock));
        var batchId = (long)_connection.Scalar(
            "INSERT INTO import_batch (kind, source, imported_at) VALUES ('registrations', @s, now()) RETURNING id", _tx, ("s", _source))!;
        _staging.Merge(batchId);
        _tx.Commit();
        _done = true;
    }

    public void Dispose()
    {
        _find?.Dispose();
        if (!_done)
        {
            try
            {
                _tx.Rollback();
            }
            catch (NpgsqlException)
            {
                // The connection is broken: the server has already rolled the transaction back.
            }
        }
        _tx.Dispose();
        _connection.Dispose();
    }
}
