using System.Threading.Channels;
using Mosaic.Core.Import;
using Mosaic.Core.Storage;

namespace Mosaic.Core.Registry.Import;

/// <summary>
/// The store side of an import on its own task: reading and validating (CPU) overlap with inserting (the store),
/// which roughly halves an import's time on two cores. Households travel in chunks through a bounded channel, so
/// memory stays flat; each chunk goes to the store in one call (<see cref="IRegistrationBatch.AddAsync"/>), in input
/// order, so duplicate and conflict detection (also against rows earlier in the same file, which the open
/// transaction sees) behaves exactly as in a single thread.
/// </summary>
internal sealed class RegistrationWriter : IDisposable
{
    private const int ChunkSize = 256;
    private const int QueuedChunks = 16;

    private readonly IRegistrationBatch _batch;
    private readonly Channel<Chunk> _queue = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(QueuedChunks)
    {
        SingleReader = true,
        SingleWriter = true,
    });
    private readonly CancellationTokenSource _failed = new();
    private readonly Task _worker;
    private Chunk _chunk = new();

    public RegistrationWriter(IRegistrationBatch batch)
    {
        _batch = batch;
        _worker = Task.Run(DrainAsync, CancellationToken.None);
    }

    public long Imported { get; private set; }

    public long Persons { get; private set; }

    public long Duplicates { get; private set; }

    /// <summary>Conflicting submissions, each with the place it was read from.</summary>
    public List<ImportIssue> Conflicts { get; } = [];

    /// <summary>Queues a valid household (with the fingerprint computed on the reading thread).</summary>
    public ValueTask AddAsync(Household household, byte[] fingerprint, SourceRow row, string idColumn)
    {
        _chunk.Households.Add(new FingerprintedHousehold(household, fingerprint));
        _chunk.Places.Add(new Place(row.Table, row.RowNumber, idColumn));
        return _chunk.Households.Count == ChunkSize ? FlushAsync() : ValueTask.CompletedTask;
    }

    private async ValueTask FlushAsync()
    {
        if (_chunk.Households.Count == 0)
            return;
        try
        {
            await _queue.Writer.WriteAsync(_chunk, _failed.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            // The writer failed: CompleteAsync() rethrows its exception.
        }
        _chunk = new Chunk();
    }

    /// <summary>Waits until every queued household is written; rethrows a failure of the writer task.</summary>
    public async Task CompleteAsync()
    {
        await FlushAsync().ConfigureAwait(false);
        _queue.Writer.TryComplete();
        await _worker.ConfigureAwait(false);
    }

    private async Task DrainAsync()
    {
        try
        {
            await foreach (var chunk in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                var outcomes = await _batch.AddAsync(chunk.Households, _failed.Token).ConfigureAwait(false);
                for (var i = 0; i < outcomes.Count; i++)
                    Count(outcomes[i], chunk.Households[i].Household, chunk.Places[i]);
            }
        }
        catch
        {
            await _failed.CancelAsync().ConfigureAwait(false);
            _queue.Writer.TryComplete();
            throw;
        }
    }

    private void Count(RegistrationOutcome outcome, Household household, Place place)
    {
        switch (outcome)
        {
            case RegistrationOutcome.Added:
                Imported++;
                Persons += household.Members.Count;
                break;
            case RegistrationOutcome.Duplicate:
                Duplicates++;
                break;
            default:
                Conflicts.Add(new ImportIssue(place.Table.File, place.Table.Sheet, place.Row, place.IdColumn, household.SubmissionId,
                    "conflict: this submission id is already stored (or earlier in this file) with different content; not overwritten"));
                break;
        }
    }

    public void Dispose()
    {
        if (!_worker.IsCompleted)
        {
            _failed.Cancel();
            _queue.Writer.TryComplete();
            try
            {
                _worker.Wait();
            }
            catch (AggregateException)
            {
                // Already failing on the reading side; that exception is the one to report.
            }
        }
        _failed.Dispose();
    }

    /// <summary>The households of one chunk and, at the same index, where each was read.</summary>
    private sealed class Chunk
    {
        public List<FingerprintedHousehold> Households { get; } = new(ChunkSize);

        public List<Place> Places { get; } = new(ChunkSize);
    }

    private readonly record struct Place(SourceTable Table, long Row, string IdColumn);
}
