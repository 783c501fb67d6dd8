namespace Mosaic.Core.Tabulation;

/// <summary>
/// A store that keeps a persisted <see cref="SnapshotImage"/> of its registry, so a process reads the columns in bulk
/// instead of scanning every row (<see cref="PersistedSnapshots"/> decides when the image can be used, extended or
/// must be rebuilt). Optional: a store without it (e.g. PostgreSQL today) builds the snapshot in memory each time.
/// </summary>
/// <remarks>
/// The rules of <see cref="IRegistrySnapshotSource"/> apply: every member is asynchronous, a cancelled call throws
/// <see cref="OperationCanceledException"/>, and a cancelled save leaves the stored image (or score section) as it was.
/// </remarks>
public interface IPersistedSnapshotSource : IRegistrySnapshotSource
{
    /// <summary>What the store holds now, to compare with an image's stamp. Cheap (a few indexed lookups).</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<SnapshotCoverage> CurrentCoverageAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The stored image as a read-only stream of known <see cref="Stream.Length"/>, or null when there is none. The
    /// bytes are checked by <see cref="SnapshotImage.TryRead(Stream, IEnumerable{Areas.Area}, bool)"/>; the caller disposes
    /// the stream before the next call on the unit of work (it reads from the store's connection).
    /// </summary>
    /// <param name="cancellationToken">Stops the listing of the image's parts.</param>
    Task<Stream?> OpenImageAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the stored image, atomically (a reader sees the old image or the new one, never a mix), and removes
    /// any score section (<see cref="SaveScoreSectionAsync"/>) with the old image.
    /// </summary>
    /// <param name="image">The image's bytes.</param>
    /// <param name="cancellationToken">Stops the save before its commit: the old image stays.</param>
    Task SaveImageAsync(byte[] image, CancellationToken cancellationToken = default);

    /// <summary>The stored <see cref="SnapshotScoreSection"/> bytes, or null when there are none.</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<byte[]?> ReadScoreSectionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the stored score section, atomically, leaving the image as it is: a scoring run stores its score
    /// fields this way instead of rewriting the image (the section names the image it belongs to).
    /// </summary>
    /// <param name="section">The section's bytes.</param>
    /// <param name="cancellationToken">Stops the save: the old section stays.</param>
    Task SaveScoreSectionAsync(byte[] section, CancellationToken cancellationToken = default);

    /// <summary>Households whose id is at most <paramref name="lastHouseholdId"/> (an image covering them must hold as many).</summary>
    /// <param name="lastHouseholdId">The highest household id counted.</param>
    /// <param name="cancellationToken">Stops the count.</param>
    Task<long> CountHouseholdsThroughAsync(long lastHouseholdId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams the households after <paramref name="afterHouseholdId"/>, each followed by its members, in household
    /// order, as <see cref="IRegistrySnapshotSource.ScanAsync"/> does for all of them (0 = every household).
    /// </summary>
    /// <param name="builder">Fed one household (then its members) at a time.</param>
    /// <param name="afterHouseholdId">Households up to this id are skipped.</param>
    /// <param name="cancellationToken">Stops the scan, also inside a long statement.</param>
    /// <returns>The highest household id streamed, or <paramref name="afterHouseholdId"/> when there was none.</returns>
    Task<long> ScanAfterAsync(RegistrySnapshotBuilder builder, long afterHouseholdId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The optional numbers named in <paramref name="names"/> (see <see cref="IRegistrySnapshotSource.OptionalHouseholdNumbersAsync"/>)
    /// for the households up to <paramref name="throughHouseholdId"/>, in household order (NaN = missing): a new
    /// scoring run refreshes these columns without re-reading the rows.
    /// </summary>
    /// <param name="names">The fields to read.</param>
    /// <param name="throughHouseholdId">The highest household id read.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<IReadOnlyDictionary<string, float[]>> ReadOptionalNumbersAsync(IReadOnlyList<string> names, long throughHouseholdId,
        CancellationToken cancellationToken = default);
}
