namespace Mosaic.Core.Registry.Import;

/// <summary>
/// One data row of a <see cref="SourceTable"/>: values by column (null = empty cell) and the row number a
/// spreadsheet shows (the header is row 1). Rows are reused between reads on the hot path.
/// </summary>
public sealed class SourceRow
{
    /// <summary>An empty row with one value per column of <paramref name="table"/>.</summary>
    public SourceRow(SourceTable table)
    {
        Table = table;
        Values = new string?[table.Headers.Count];
    }

    /// <summary>The table this row belongs to (its headers name <see cref="Values"/>).</summary>
    public SourceTable Table { get; }

    /// <summary>1-based row number in the file or sheet (header = 1).</summary>
    public long RowNumber { get; set; }

    /// <summary>Cell values by column index; null when empty.</summary>
    public string?[] Values { get; }

    /// <summary>Copies another row of the same table into this one.</summary>
    public void CopyFrom(SourceRow other)
    {
        RowNumber = other.RowNumber;
        Array.Copy(other.Values, Values, Values.Length);
    }
}
