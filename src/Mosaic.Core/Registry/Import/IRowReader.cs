namespace Mosaic.Core.Registry.Import;

/// <summary>A forward-only stream of rows of one table.</summary>
public interface IRowReader : IDisposable
{
    /// <summary>The table read: its name and headers.</summary>
    SourceTable Table { get; }

    /// <summary>Fills <paramref name="row"/> with the next data row; false at the end.</summary>
    bool Read(SourceRow row);

    /// <summary>Bytes of the underlying file consumed so far (for progress).</summary>
    long BytesRead { get; }
}
