using System.Runtime.InteropServices;
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
/// and takes the lock only for the merge at <see cref="CommitAsync"/>, skipping ids another import committed meanwhile.
/// A chunk's stored fingerprints are read in one round trip (<see cref="StoredFingerprintsAsync"/>), not one per household.
/// </summary>
internal sealed class PostgresRegistrationBatch : IRegistrationBatch
{
    /// <summary>Advisory lock key of registry merges ("MOSAICRG").</summary>
    internal const long MergeLock = 0x4D4F534149435247;

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _tx;
    private readonly string _source;
    private readonly RegistryStaging _staging;
    private readonly Dictionary<string, byte[]> _added = new(StringComparer.Ordinal);
    private readonly bool _registryHadRows;
    private readonly long? _ownedBatch;
    private NpgsqlCommand? _find;
    private bool _done;

    private PostgresRegistrationBatch(NpgsqlConnection connection, NpgsqlTransaction tx, string source, RegistryStaging staging,
        long? ownedBatch, bool registryHadRows)
    {
        _connection = connection;
        _tx = tx;
        _source = source;
        _staging = staging;
        _ownedBatch = ownedBatch;
        _registryHadRows = registryHadRows;
    }

    /// <summary>Opens the import's connection and transaction, and takes the merge lock when it is free.</summary>
    public static async Task<PostgresRegistrationBatch> BeginAsync(NpgsqlDataSource dataSource, string source, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var staging = await RegistryStaging.CreateAsync(connection, tx, await Adm1MapAsync(connection, tx, cancellationToken).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
            long? owned = null;
            if (staging.Direct && await connection.ScalarAsync("SELECT pg_try_advisory_xact_lock(@k)", tx, cancellationToken, ("k", MergeLock))
                    .ConfigureAwait(false) is true)
            {
                owned = await NewBatchAsync(connection, tx, source, cancellationToken).ConfigureAwait(false);
                staging.Owned(owned.Value);
            }
            // Read after taking the lock: holding it, no other import can add households until this one commits.
            var hadRows = await connection.ScalarAsync("SELECT EXISTS (SELECT 1 FROM household)", tx, cancellationToken).ConfigureAwait(false) is true;
            return new PostgresRegistrationBatch(connection, tx, source, staging, owned, hadRows);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Each area's first-level ancestor (itself at level 1; its root when it has none): the partition key.</summary>
    private static async Task<Dictionary<string, string>> Adm1MapAsync(NpgsqlConnection connection, NpgsqlTransaction tx,
        CancellationToken cancellationToken)
    {
        var parent = new Dictionary<string, (string? Parent, int Level)>(StringComparer.Ordinal);
        await using (var cmd = connection.Command("SELECT pcode, parent_pcode, level FROM area", tx))
        await using (var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
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

    public async Task<IReadOnlyList<RegistrationOutcome>> AddAsync(IReadOnlyList<FingerprintedHousehold> chunk,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        cancellationToken.ThrowIfCancellationRequested();
        var committed = await StoredFingerprintsAsync(chunk, cancellationToken).ConfigureAwait(false);
        var outcomes = new RegistrationOutcome[chunk.Count];
        // In input order, as one by one: an id added earlier (in this chunk too) is in _added from then on.
        for (var i = 0; i < outcomes.Length; i++)
        {
            var (household, fingerprint) = chunk[i];
            ArgumentNullException.ThrowIfNull(household);
            ArgumentNullException.ThrowIfNull(fingerprint);
            // One look-up of the id in this import's own: its slot is filled here when the id is new.
            ref var added = ref CollectionsMarshal.GetValueRefOrAddDefault(_added, household.SubmissionId, out var seen);
            var stored = seen ? added : null;
            if (stored is not null || (committed is not null && committed.TryGetValue(household.SubmissionId, out stored)))
            {
                if (!seen)
                    _added.Remove(household.SubmissionId);
                outcomes[i] = stored.AsSpan().SequenceEqual(fingerprint) ? RegistrationOutcome.Duplicate : RegistrationOutcome.Conflict;
                continue;
            }
            added = fingerprint;
            await _staging.AddAsync(household, fingerprint, cancellationToken).ConfigureAwait(false);
            outcomes[i] = RegistrationOutcome.Added;
        }
        return outcomes;
    }

    /// <summary>
    /// The committed fingerprints of the chunk's submission ids, in one round trip; null when none can be stored (an
    /// import into an empty registry needs no look-ups; the merge still skips ids another import committed).
    /// </summary>
    private async Task<Dictionary<string, byte[]>?> StoredFingerprintsAsync(IReadOnlyList<FingerprintedHousehold> chunk,
        CancellationToken cancellationToken)
    {
        if (!_registryHadRows)
            return null;
        var ids = new List<string>(chunk.Count);
        foreach (var (household, _) in chunk)
        {
            if (!_added.ContainsKey(household.SubmissionId))
                ids.Add(household.SubmissionId);
        }
        var stored = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (ids.Count == 0)
            return stored;
        await _staging.QuietAsync().ConfigureAwait(false);
        _find ??= await PrepareFindAsync(cancellationToken).ConfigureAwait(false);
        _find.Parameters[0].Value = ids.ToArray();
        await using var r = await _find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            stored[r.GetString(0)] = (byte[])r.GetValue(1);
        return stored;
    }

    private async Task<NpgsqlCommand> PrepareFindAsync(CancellationToken cancellationToken)
    {
        var cmd = _connection.Command("SELECT submission_id, fingerprint FROM household WHERE submission_id = ANY(@ids)", _tx,
            ("ids", Array.Empty<string>()));
        await cmd.PrepareAsync(cancellationToken).ConfigureAwait(false);
        return cmd;
    }

    public async Task<RegistrationCommitted> CommitAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await _staging.FlushAsync(cancellationToken).ConfigureAwait(false);
        var batchId = _ownedBatch;
        if (batchId is null)
        {
            await _connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@k)", _tx, cancellationToken, ("k", MergeLock)).ConfigureAwait(false);
            batchId = await NewBatchAsync(_connection, _tx, _source, cancellationToken).ConfigureAwait(false);
        }
        var stored = await _staging.MergeAsync(batchId.Value, cancellationToken).ConfigureAwait(false);
        // The last point a cancellation stops the import: once the commit is sent, it lands.
        cancellationToken.ThrowIfCancellationRequested();
        await _tx.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        _done = true;
        return stored;
    }

    /// <summary>The import's batch row (its time is the transaction's start, <c>now()</c>, wherever it is created).</summary>
    private static async Task<long> NewBatchAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string source, CancellationToken cancellationToken) =>
        (long)(await connection.ScalarAsync(
            "INSERT INTO import_batch (kind, source, imported_at) VALUES ('registrations', @s, now()) RETURNING id", tx, cancellationToken,
            ("s", source)).ConfigureAwait(false))!;

    /// <summary>Rolls back an uncommitted import and returns the connection to the pool.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _staging.QuietAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException or OperationCanceledException)
        {
            // The round being sent failed or was cancelled: the import is being abandoned, that failure was reported.
        }
        if (_find is not null)
            await _find.DisposeAsync().ConfigureAwait(false);
        if (!_done)
        {
            try
            {
                await _tx.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // The connection is broken (or a cancelled statement left it so): the server rolls the transaction back.
            }
        }
        await _tx.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>As <see cref="DisposeAsync"/>, for a caller that cannot await (prefer <c>await using</c>).</summary>
    public void Dispose()
    {
        try
        {
            _staging.QuietAsync().GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException or OperationCanceledException)
        {
            // As in DisposeAsync: the import is being abandoned.
        }
        _find?.Dispose();
        if (!_done)
        {
            try
            {
                _tx.Rollback();
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // The connection is broken: the server has already rolled the transaction back.
            }
        }
        _tx.Dispose();
        _connection.Dispose();
    }
}
