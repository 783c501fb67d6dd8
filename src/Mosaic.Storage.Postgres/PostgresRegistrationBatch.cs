using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Storage.Postgres.Internal;
using Npgsql;

namespace Mosaic.Storage.Postgres;

/// <summary>
/// One import transaction: the bulk path, rows sent by binary <c>COPY</c> (<see cref="RegistryStaging"/>). Imports
/// into the registry are serialised by an advisory lock (the merge lock), so a submission id is never stored twice
/// and no two imports wait on each other's rows (no deadlock). An import that finds the lock free takes it at once
/// and holds it to commit: its households go straight into the registry and its duplicates are decided as it reads
/// (no other import can commit meanwhile). An import that finds it taken does not wait: it stages its households
/// and takes the lock only for the merge at <see cref="Commit"/>, skipping ids another import committed meanwhile.
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
    private readonly long? _ownedBatch;
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
            if (_staging.Direct && _connection.Scalar("SELECT pg_try_advisory_xact_lock(@k)", _tx, ("k", MergeLock)) is true)
            {
                _ownedBatch = NewBatch();
                _staging.Owned(_ownedBatch.Value);
            }
            // Read after taking the lock: holding it, no other import can add households until this one commits.
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

    public RegistrationCommitted Commit()
    {
        Flush();
        var batchId = _ownedBatch;
        if (batchId is null)
        {
            _connection.Execute("SELECT pg_advisory_xact_lock(@k)", _tx, ("k", MergeLock));
            batchId = NewBatch();
        }
        var stored = _staging.Merge(batchId.Value);
        _tx.Commit();
        _done = true;
        return stored;
    }

    /// <summary>The import's batch row (its time is the transaction's start, <c>now()</c>, wherever it is created).</summary>
    private long NewBatch() => (long)_connection.Scalar(
        "INSERT INTO import_batch (kind, source, imported_at) VALUES ('registrations', @s, now()) RETURNING id", _tx, ("s", _source))!;

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
