namespace Mosaic.Core.Disclosure;

/// <summary>The secondary-suppression search of <see cref="DisclosureControl"/> (one instance per table).</summary>
internal sealed class HypercubeSearch(LinkedTable table, long[] contributors, CellStatus[] status, int k, int budget)
{
    private readonly bool[] _protected = new bool[table.Size];
    private readonly int _n = table.Dimensions;

    /// <summary>Protects every primary cell; returns the number of cells newly suppressed.</summary>
    public int Run(List<int> primaries)
    {
        var perDimension = Math.Max(2, (int)Math.Floor(Math.Pow(budget, 1.0 / _n) + 1e-9));
        var coords = new int[_n];
        var candidates = new int[_n][];
        var choice = new int[_n];
        var best = new int[_n];
        var added = 0;
        foreach (var cell in primaries)
        {
            if (_protected[cell])
                continue;
            table.Coords(cell, coords);
            for (var d = 0; d < _n; d++)
                candidates[d] = Candidates(cell, coords, d, perDimension);
            var bestCost = double.MaxValue;
            Search(0, coords, candidates, choice, best, ref bestCost);
            added += Suppress(coords, best);
        }
        return added;
    }

    /// <summary>Cost of suppressing a cell: its population plus one (so fewer cells win ties); free when already suppressed.</summary>
    private double Cost(int index)
    {
        if (status[index] != CellStatus.Published)
            return 0;
        // An empty cell hides nothing but gives weak protection (an intruder knows counts are not negative), so it
        // is used only when every alternative hides more than 2K people.
        return contributors[index] == 0 ? 2.0 * k + 1 : contributors[index] + 1;
    }

    /// <summary>The cheapest alternative coordinates along <paramref name="d"/>, judged by the neighbouring cell.</summary>
    private int[] Candidates(int cell, int[] coords, int d, int take)
    {
        var extent = table.Extents[d];
        var stride = table.Strides[d];
        var baseIndex = cell - coords[d] * stride;
        var options = new List<(double Cost, int Coord)>(extent - 1);
        for (var j = 0; j < extent; j++)
        {
            if (j != coords[d])
                options.Add((Cost(baseIndex + j * stride), j));
        }
        options.Sort((a, b) => a.Cost != b.Cost ? a.Cost.CompareTo(b.Cost) : a.Coord.CompareTo(b.Coord));
        return [.. options.Take(take).Select(o => o.Coord)];
    }

    private void Search(int d, int[] coords, int[][] candidates, int[] choice, int[] best, ref double bestCost)
    {
        if (d == _n)
        {
            var cost = BoxCost(coords, choice, bestCost);
            if (cost < bestCost)
            {
                bestCost = cost;
                choice.CopyTo(best, 0);
            }
            return;
        }
        foreach (var j in candidates[d])
        {
            choice[d] = j;
            Search(d + 1, coords, candidates, choice, best, ref bestCost);
        }
    }

    private double BoxCost(int[] coords, int[] choice, double limit)
    {
        double cost = 0;
        var corners = 1 << _n;
        for (var mask = 1; mask < corners; mask++)
        {
            cost += Cost(Corner(coords, choice, mask));
            if (cost >= limit)
                return cost;
        }
        return cost;
    }

    private int Corner(int[] coords, int[] choice, int mask)
    {
        var index = 0;
        for (var d = 0; d < _n; d++)
            index += ((mask >> d) & 1) != 0 ? choice[d] * table.Strides[d] : coords[d] * table.Strides[d];
        return index;
    }

    private int Suppress(int[] coords, int[] choice)
    {
        var added = 0;
        var corners = 1 << _n;
        for (var mask = 0; mask < corners; mask++)
        {
            var index = Corner(coords, choice, mask);
            if (status[index] == CellStatus.Published)
            {
                status[index] = CellStatus.SecondarySuppressed;
                added++;
            }
            _protected[index] = true;
        }
        return added;
    }
}
