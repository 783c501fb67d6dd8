using System.Collections.Concurrent;
using Mosaic.Core.Import;
using Mosaic.Core.Storage;

namespace Mosaic.Core.Registry.Import;

/// <summary>
/// The store side of an import on its own thread: reading and validating (CPU) overlap with inserting (SQLite),
/// which roughly halves an import's time on two cores. Households travel in chunks through a bounded queue, so
/// memory stays flat; they are written in input order, so duplicate and conflict detection (also against rows
/// earlier in the same file, which the open transaction sees) behaves exactly as in a single thread.
/// </summary>
internal sealed class RegistrationWriter : IDisposable
{
    private const int ChunkSize = 256;
    private const int QueuedChunks = 16;

    private readonly IRegistrationBatch _batch;
    private readonly BlockingCollection<List<Pending>> _queue = new(QueuedChunks);
    private readonly CancellationTokenSource _failed = new();
    private readonly Task _worker;
    private List<Pending> _chunk = new(ChunkSize);

    public RegistrationWriter(IRegistrationBatch batch)
    {
        _batch = batch;
        _worker = Task.Factory.StartNew(Drain, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public long Imported { get; private set; }

    public long Persons { get; private set; }

    public long Duplicates { get; private set; }

    /// <summary>Conflicting submissions, each with the place it was read from.</summary>
    public List<ImportIssue> Conflicts { get; } = [];

    /// <summary>Queues a valid household (with the fingerprint computed on the reading thread).</summary>
    public void Add(Household household, byte[] fingerprint, SourceRow row, string idColumn)
    {
        _chunk.Add(new Pending(household, fingerprint, row.Table, row.RowNumber, idColumn));
        if (_chunk.Count == ChunkSize)
            Flush();
    }

    private void Flush()
    {
        if (_chunk.Count == 0)
            return;
        try
        {
            _queue.Add(_chunk, _failed.Token);
        }
        catch (OperationCanceledException)
        {
            // The writer failed: Complete() rethrows its exception.
        }
        _chunk = new List<Pending>(ChunkSize);
    }

    /// <summary>Waits until every queued household is written; rethrows a failure of the writer thread.</summary>
    public void Complete()
    {
        Flush();
        _queue.CompleteAdding();
        _worker.GetAwaiter().GetResult();
    }

    private void Drain()
    {
        try
        {
            foreach (var chunk in _queue.GetConsumingEnumerable())
            {
                foreach (var p in chunk)
                    Write(p);
            }
        }
        catch
        {
            _failed.Cancel();
            throw;
        }
    }

    private void Write(Pending p)
    {
        var stored = _batch.AddUnlessStored(p.Household, p.Fingerprint);
        if (stored is null)
        {
            Imported++;
            Persons += p.Household.Members.Count;
        }
        else if (stored.AsSpan().SequenceEqual(p.Fingerprint))
        {
            Duplicates++;
        }
        else
        {
            Conflicts.Add(new ImportIssue(p.Table.File, p.Table.Sheet, p.Row, p.IdColumn, p.Household.SubmissionId,
                "conflict: this submission id is already stored (or earlier in this file) with different content; not overwritten"));
        }
    }

    public void Dispose()
    {
        if (!_queue.IsAddingCompleted)
        {
            _failed.Cancel();
            _queue.CompleteAdding();
            try
            {
                _worker.Wait();
            }
            catch (AggregateException)
            {
                // Already failing on the reading side; that exception is the one to report.
            }
        }
        _queue.Dispose();
        _failed.Dispose();
    }

    private sealed record Pending(Household Household, byte[] Fingerprint, SourceTable Table, long Row, string IdColumn);
}
