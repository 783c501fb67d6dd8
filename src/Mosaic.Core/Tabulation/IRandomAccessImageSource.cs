namespace Mosaic.Core.Tabulation;

/// <summary>
/// A persisted snapshot source whose image can also be read at any offset, so a command can read it household range
/// by household range (what a streamed <c>mosaic score</c> does) instead of into whole columns. Optional.
/// </summary>
public interface IRandomAccessImageSource
{
    /// <summary>The stored image (the bytes <see cref="IPersistedSnapshotSource.OpenImageAsync"/> streams), or null when there is none.</summary>
    /// <param name="cancellationToken">Stops the open.</param>
    Task<IRandomAccessImage?> OpenImageAtAsync(CancellationToken cancellationToken = default);
}

/// <summary>A stored image read at offsets: synchronous bulk reads, no copy of the image.</summary>
public interface IRandomAccessImage : IDisposable
{
    /// <summary>The image's length in bytes.</summary>
    long Length { get; }

    /// <summary>Fills <paramref name="into"/> with the image's bytes from <paramref name="offset"/> (throws past the end or when the image changed).</summary>
    void ReadAt(long offset, Span<byte> into);
}
