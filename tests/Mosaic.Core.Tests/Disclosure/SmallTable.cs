using FsCheck;
using FsCheck.Fluent;
using Mosaic.Core.Disclosure;

namespace Mosaic.Core.Tests.Disclosure;

/// <summary>A random additive table for property tests: 2–5 dimensions, inner counts with many small and empty cells.</summary>
public sealed record SmallTable(int[] Categories, long[] Inner)
{
    public LinkedTable Table => new(Categories);

    /// <summary>Contributors per cell of <see cref="Table"/>, totals filled.</summary>
    public long[] Contributors()
    {
        var table = Table;
        var values = new long[table.Size];
        var coords = new int[table.Dimensions];
        var next = 0;
        for (var i = 0; i < table.Size; i++)
        {
            table.Coords(i, coords);
            if (table.TotalCount(i) == 0)
                values[i] = Inner[next++];
        }
        table.FillTotals(values);
        return values;
    }

    public override string ToString() => $"[{string.Join("x", Categories)}] {string.Join(",", Inner)}";

    /// <summary>FsCheck generator: shrinking reduces dimensions, categories and counts, so a failure ends as a minimal table.</summary>
    public static Arbitrary<SmallTable> Arbitrary(int maxDimensions = 5)
    {
        var count = Gen.Frequency(
            (2, Gen.Constant(0L)),
            (4, Gen.Choose(1, 4).Select(c => (long)c)),
            (4, Gen.Choose(5, 40).Select(c => (long)c)));
        var gen =
            from dims in Gen.Choose(2, maxDimensions)
            from cats in Gen.Choose(1, dims <= 3 ? 3 : 2).ArrayOf(dims)
            from inner in count.ArrayOf(cats.Aggregate(1, (a, c) => a * c))
            select new SmallTable(cats, inner);
        return gen.ToArbitrary();
    }
}
