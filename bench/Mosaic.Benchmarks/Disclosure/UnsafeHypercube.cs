using System.Numerics;
using Mosaic.Core.Disclosure;

namespace Mosaic.Benchmarks.Disclosure;

/// <summary>
/// The secondary suppression of earlier versions (Mosaic before ee733bb), kept only as the information-loss baseline of
/// issue 15: for each cell of 1 to K−1 contributors (inner cells first, then by index), the box of 2ⁿ corners whose
/// other coordinates are the cheapest few per dimension (cost: contributors + 1; an empty cell 2K + 1), chosen by
/// total cost. It ignores non-negativity — an empty cell can be a corner that has to go down — so its patterns are
/// <strong>not safe</strong> (the intruder recovers cells exactly); Mosaic never publishes with it.
/// </summary>
internal static class UnsafeHypercube
{
    private const int SearchBudget = 128;

    /// <summary>Per cell of <paramref name="table"/>, whether the old method suppresses it.</summary>
    public static bool[] Suppress(LinkedTable table, long[] contributors, int k)
    {
        var n = table.Dimensions;
        var suppressed = new bool[table.Size];
        var primaries = new List<int>();
        for (var i = 0; i < table.Size; i++)
        {
            if (contributors[i] > 0 && contributors[i] < k)
            {
                suppressed[i] = true;
                primaries.Add(i);
            }
        }
        primaries.Sort((a, b) =>
        {
            var c = table.TotalCount(a).CompareTo(table.TotalCount(b));
            return c != 0 ? c : a.CompareTo(b);
        });
        var take = Math.Max(2, (int)Math.Floor(Math.Pow(SearchBudget, 1.0 / n) + 1e-9));
        var covered = new bool[table.Size];
        var coords = new int[n];
        double Cost(int cell) => suppressed[cell] ? 0 : contributors[cell] == 0 ? 2.0 * k + 1 : contributors[cell] + 1;
        foreach (var cell in primaries)
        {
            if (covered[cell])
                continue;
            table.Coords(cell, coords);
            var candidates = new int[n][];
            for (var d = 0; d < n; d++)
            {
                var stride = table.Strides[d];
                var baseIndex = cell - coords[d] * stride;
                var own = coords[d];
                // Stable order by the neighbouring cell's cost, as the old insertion into a short sorted list.
                candidates[d] = [.. Enumerable.Range(0, table.Extents[d]).Where(j => j != own)
                    .OrderBy(j => Cost(baseIndex + j * stride)).Take(take)];
            }
            var best = Array.Empty<int>();
            var bestCost = double.MaxValue;
            var choice = new int[n];
            Search(0);
            foreach (var corner in best)
            {
                suppressed[corner] = true;
                covered[corner] = true;
            }

            void Search(int d)
            {
                if (d == n)
                {
                    var corners = Corners(table, cell, coords, choice);
                    var cost = corners.Skip(1).Sum(Cost);
                    if (cost < bestCost)
                    {
                        bestCost = cost;
                        best = corners;
                    }
                    return;
                }
                foreach (var j in candidates[d])
                {
                    choice[d] = j;
                    Search(d + 1);
                }
            }
        }
        return suppressed;
    }

    private static int[] Corners(LinkedTable table, int cell, int[] coords, int[] choice)
    {
        var n = table.Dimensions;
        var corners = new int[1 << n];
        corners[0] = cell;
        for (var mask = 1; mask < corners.Length; mask++)
        {
            var low = BitOperations.TrailingZeroCount(mask);
            corners[mask] = corners[mask & (mask - 1)] + (choice[low] - coords[low]) * table.Strides[low];
        }
        return corners;
    }
}
