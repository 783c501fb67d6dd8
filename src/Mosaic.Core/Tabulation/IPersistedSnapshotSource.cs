namespace Mosaic.Core.Tabulation;

/// <summary>
/// A store that keeps a persisted <see cref="SnapshotImage"/> of its registry, so a process reads the columns in bulk
/// instead of scanning every row (<see cref="PersistedSnapshots"/> decides when the image can be used, extended or
/// must be rebuilt). Optional: a store without it (e.g. PostgreSQL today) builds the snapshot in memory each time.
/// </summary>
public interface IPersistedSnapshotSource : IRegistrySnapshotSource
{
    /// <summary>What the store holds now, to compare with an image's stamp. Cheap (a few indexed lookups).</summary>
    SnapshotCoverage CurrentCoverage();

    /// <summary>
    /// The stored image as a read-only stream of known <see cref="Stream.Length"/>, or null when there is none. The
    /// bytes are checked by <see cref="SnapshotImage.TryRead(Stream, IEnumerable{Areas.Area}, bool)"/>; the caller disposes the stream.
    /// </summary>
    Stream? OpenImage();

    /// <summary>
    /// Replaces the stored image, atomically (a reader sees the old image or the new one, never a mix), and removes
    /// any score section (<see cref="SaveScoreSection"/>) with the old image.
    /// </summary>
    void SaveImage(byte[] image);

    /// <summary>The stored <see cref="SnapshotScoreSection"/> bytes, or null when there are none.</summary>
    byte[]? ReadScoreSection();

    /// <summary>
    /// Replaces the stored score section, atomically, leaving the image as it is: a scoring run stores its score
    /// fields this way instead of rewriting the image (the section names the image it belongs to).
    /// </summary>
    void SaveScoreSection(byte[] section);

    /// <summary>Households whose id is at most <paramref name="lastHouseholdId"/> (an image covering them must hold as many).</summary>
    long CountHouseholdsThrough(long lastHouseholdId);

    /// <summary>
    /// Streams the households after <paramref name="afterHouseholdId"/>, each followed by its members, in household
    /// order, as <see cref="IRegistrySnapshotSource.Scan"/> does for all of them (0 = every household).
    /// </summary>
    /// <returns>The highest household id streamed, or <paramref name="afterHouseholdId"/> when there was none.</returns>
    long ScanAfter(RegistrySnapshotBuilder builder, long afterHouseholdId);

    /// <summary>
    /// The optional numbers named in <paramref name="names"/> (see <see cref="IRegistrySnapshotSource.OptionalHouseholdNumbers"/>)
    /// for the households up to <paramref name="throughHouseholdId"/>, in household order (NaN = missing): a new
    /// scoring run refreshes these columns without re-reading the rows.
    /// </summary>
    IReadOnlyDictionary<string, float[]> ReadOptionalNumbers(IReadOnlyList<string> names, long throughHouseholdId);
}
