namespace Mosaic.Core.Tabulation;

/// <summary>Per cell: units counted and their cell key, for a population and (for shares) its numerator.</summary>
internal sealed class CellKeyCounts(int size, bool numerator)
{
    public long[] Counts { get; } = new long[size];

    public uint[] Keys { get; } = new uint[size];

    public long[]? NumeratorCounts { get; } = numerator ? new long[size] : null;

    public uint[]? NumeratorKeys { get; } = numerator ? new uint[size] : null;

    /// <summary>Adds another partial result (key sums wrap, which is the sum modulo 1 of the cell-key method).</summary>
    public void Add(CellKeyCounts other)
    {
        for (var i = 0; i < Counts.Length; i++)
        {
            Counts[i] += other.Counts[i];
            Keys[i] += other.Keys[i];
        }
        if (NumeratorCounts is null)
            return;
        for (var i = 0; i < NumeratorCounts.Length; i++)
        {
            NumeratorCounts[i] += other.NumeratorCounts![i];
            NumeratorKeys![i] += other.NumeratorKeys![i];
        }
    }
}
