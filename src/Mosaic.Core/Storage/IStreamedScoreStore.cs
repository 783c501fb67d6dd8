using Mosaic.Core.Vulnerability;

namespace Mosaic.Core.Storage;

/// <summary>
/// A score store that takes a run chunk by chunk as it is scored, so a national registry's run is never held in
/// memory as a whole (what <c>mosaic score</c> streams through). Optional: without it, the run is saved whole through
/// <see cref="IScoreStore.SaveRunAsync"/>.
/// </summary>
/// <remarks>
/// Nothing is stored until <see cref="IScoreRunWriter.CommitAsync"/> returns: a writer disposed before (an error, a
/// cancellation) leaves the previous run the latest, whole. While a writer is open the unit of work is inside its
/// transaction: the store's reads on it see the database as it is then, and other writers wait for its commit or
/// disposal.
/// </remarks>
public interface IStreamedScoreStore
{
    /// <summary>Starts a run (its households are counted at the commit).</summary>
    /// <param name="model">The model the households are scored with.</param>
    /// <param name="scoredAt">When the run is made (stored as UTC).</param>
    /// <param name="cancellationToken">Stops the start: nothing is begun then.</param>
    Task<IScoreRunWriter> BeginRunAsync(VulnerabilityModel model, DateTimeOffset scoredAt, CancellationToken cancellationToken = default);
}

/// <summary>A run being written: its households' results in chunks, then their overall ranks, then the commit.</summary>
public interface IScoreRunWriter : IDisposable
{
    /// <summary>
    /// Writes the next households' results: <paramref name="chunk"/>'s households in ascending household id, after
    /// those of the chunks before, each with its area chain (<see cref="ScoringResult.AreaChain"/>) but not yet ranked.
    /// The chunk may be reused by the caller once the call returns.
    /// </summary>
    /// <param name="chunk">The scored households.</param>
    /// <param name="cancellationToken">Stops the write: the run is then never stored.</param>
    Task AppendAsync(ScoringResult chunk, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores every household's overall rank (in the order they were appended; a permutation of 1..n) and commits the
    /// run. A household's rank within each area of its chain is, as always, the count of the area's households at or
    /// above it in the overall order.
    /// </summary>
    /// <param name="ranks">Overall rank of each household appended (not kept once the call returns: the caller reuses the array).</param>
    /// <param name="cancellationToken">Stops the write before its commit: nothing is stored then.</param>
    /// <returns>The run id.</returns>
    Task<long> CommitAsync(int[] ranks, CancellationToken cancellationToken = default);
}
