using System.Numerics;

namespace Mosaic.Core.Disclosure;

/// <summary>
/// An n-dimensional table with a total along every dimension, stored flat: dimension <c>d</c> has
/// <c>Categories[d]</c> categories at indices <c>0..c-1</c> and its total at index <c>c</c>. Every line along a
/// dimension is one additivity constraint: the total equals the sum of the categories.
/// </summary>
public sealed class LinkedTable
{
    /// <summary>A table with the given number of categories per dimension (totals added); its size must fit an
    /// <see cref="int"/>.</summary>
    public LinkedTable(IReadOnlyList<int> categories)
    {
        Categories = [.. categories];
        Extents = [.. categories.Select(c => c + 1)];
        Strides = new int[Extents.Length];
        var size = 1;
        for (var d = Extents.Length - 1; d >= 0; d--)
        {
            Strides[d] = size;
            size = checked(size * Extents[d]);
        }
        Size = size;
    }

    /// <summary>Categories per dimension, totals not counted; the total of dimension <c>d</c> is at index
    /// <c>Categories[d]</c>.</summary>
    public int[] Categories { get; }

    /// <summary>Categories + 1 (the total) per dimension.</summary>
    public int[] Extents { get; }

    /// <summary>Flat-index step of one coordinate per dimension (row-major: the last dimension varies
    /// fastest).</summary>
    public int[] Strides { get; }

    /// <summary>Number of dimensions.</summary>
    public int Dimensions => Extents.Length;

    /// <summary>Number of cells, totals included.</summary>
    public int Size { get; }

    /// <summary>The flat index of the cell at these coordinates.</summary>
    public int Index(ReadOnlySpan<int> coords)
    {
        var index = 0;
        for (var d = 0; d < coords.Length; d++)
            index += coords[d] * Strides[d];
        return index;
    }

    /// <summary>Writes the coordinates of a flat index, one per dimension.</summary>
    public void Coords(int index, Span<int> coords)
    {
        for (var d = 0; d < Extents.Length; d++)
        {
            coords[d] = index / Strides[d];
            index -= coords[d] * Strides[d];
        }
    }

    /// <summary>Whether a coordinate of dimension <paramref name="d"/> is that dimension's total.</summary>
    public bool IsTotal(int d, int coord) => coord == Categories[d];

    /// <summary>Number of dimensions in which the cell is a total (0 = an inner cell).</summary>
    public int TotalCount(int index)
    {
        var n = 0;
        for (var d = 0; d < Extents.Length; d++)
        {
            if ((index / Strides[d]) % Extents[d] == Categories[d])
                n++;
        }
        return n;
    }

    /// <summary>Fills the total entries of <paramref name="values"/> from its inner cells (one pass per dimension).</summary>
    /// <remarks>Generic over the number type: counts (<c>long</c>) and weighted sums (<c>double</c>) share one loop,
    /// which the JIT specialises per type.</remarks>
    public void FillTotals<T>(T[] values) where T : INumber<T>
    {
        for (var d = 0; d < Extents.Length; d++)
        {
            var stride = Strides[d];
            var c = Categories[d];
            var block = stride * Extents[d];
            for (var start = 0; start < Size; start += block)
            {
                for (var offset = 0; offset < stride; offset++)
                {
                    var sum = T.Zero;
                    var i = start + offset;
                    for (var k = 0; k < c; k++, i += stride)
                        sum += values[i];
                    values[i] = sum;
                }
            }
        }
    }
}
