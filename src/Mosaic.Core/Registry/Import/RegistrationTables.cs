namespace Mosaic.Core.Registry.Import;

/// <summary>The household and member row streams of an opened input.</summary>
public sealed class RegistrationTables : IDisposable
{
    private readonly IDisposable[] _owned;

    internal RegistrationTables(IRowReader households, IRowReader members, long totalBytes, params IDisposable[] owned)
    {
        Households = households;
        Members = members;
        TotalBytes = totalBytes;
        _owned = owned;
    }

    /// <summary>The household rows.</summary>
    public IRowReader Households { get; }

    /// <summary>The member rows.</summary>
    public IRowReader Members { get; }

    /// <summary>Size of the input in bytes, for progress.</summary>
    public long TotalBytes { get; }

    /// <summary>Bytes consumed so far (approximate for a workbook, whose sheets share one file).</summary>
    public long BytesRead => Math.Min(TotalBytes, Households.BytesRead + (ReferenceEquals(Households, Members) ? 0 : Members.BytesRead));

    /// <summary>Closes both readers and the files or workbook behind them.</summary>
    public void Dispose()
    {
        Households.Dispose();
        Members.Dispose();
        foreach (var d in _owned)
            d.Dispose();
    }
}
