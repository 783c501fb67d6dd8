namespace Mosaic.Core.Tabulation;

/// <summary>
/// A dimension ready for the hot loop: its source column and a lookup table already multiplied by the
/// dimension's stride, so a cell key is a sum of table reads.
/// </summary>
internal sealed class CompiledDimension
{
    public CompiledDimension(CategoricalColumn column, int stride)
    {
        Column = column;
        Stride = stride;
        KeyPart = [.. column.Lookup.Select(c => c * stride)];
    }

    public CategoricalColumn Column { get; }

    public int Stride { get; }

    public int[] KeyPart { get; }

    public int KeyAt(int row) =>
        KeyPart[Column.Bytes is { } b ? b[row] : Column.Shorts is { } s ? s[row] : Column.Ints![row]];

    /// <summary>Adds this dimension's key part for rows [start, start + keys.Length).</summary>
    public void AddKeys(int start, Span<int> keys)
    {
        var part = KeyPart;
        if (Column.Bytes is { } bytes)
        {
            var src = bytes.AsSpan(start, keys.Length);
            for (var i = 0; i < keys.Length; i++)
                keys[i] += part[src[i]];
        }
        else if (Column.Shorts is { } shorts)
        {
            var src = shorts.AsSpan(start, keys.Length);
            for (var i = 0; i < keys.Length; i++)
                keys[i] += part[src[i]];
        }
        else
        {
            var src = Column.Ints.AsSpan(start, keys.Length);
            for (var i = 0; i < keys.Length; i++)
                keys[i] += part[src[i]];
        }
    }
}
