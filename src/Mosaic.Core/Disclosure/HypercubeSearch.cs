using System.Numerics;

namespace Mosaic.Core.Disclosure;

/// <summary>The secondary-suppression search of <see cref="DisclosureControl"/> (one instance per table).</summary>
/// <remarks>
/// Hot for large tables (tens of thousands of primary cells): candidates are kept in small fixed arrays and the
/// corners of a box are enumerated incrementally (each corner index = the previous one plus one offset), so a
/// primary cell costs a few thousand integer operations.
/// </remarks>
internal sealed class HypercubeSearch
{
    private readonly LinkedTable _table;
    private readonly long[] _contributors;
    private readonly CellStatus[] _status;
    private readonly double _emptyCost;
    private readonly bool[] _protected;
    private readonly int _n;
    private readonly int _take;
    private readonly int[] _coords;
    private readonly int[][] _candidates;
    private readonly int[] _candidateCount;
    private readonly double[] _candidateCost;
    private readonly int[] _choice;
    private readonly int[] _best;
    private readonly int[] _delta;
    private readonly int[] _corner;

    public HypercubeSearch(LinkedTable table, long[] contributors, CellStatus[] status, int k, int budget)
    {
        _table = table;
        _contributors = contributors;
        _status = status;
        // An empty cell hides nothing but gives weak protection (an intruder knows counts are not negative), so it
        // is used only when every alternative hides more than 2K contributors.
        _emptyCost = 2.0 * k + 1;
        _protected = new bool[table.Size];
        _n = table.Dimensions;
        _take = Math.Max(2, (int)Math.Floor(Math.Pow(budget, 1.0 / _n) + 1e-9));
        _coords = new int[_n];
        _candidates = [.. Enumerable.Range(0, _n).Select(_ => new int[_take])];
        _candidateCount = new int[_n];
        _candidateCost = new double[_take];
        _choice = new int[_n];
        _best = new int[_n];
        _delta = new int[_n];
        _corner = new int[1 << _n];
    }

    /// <summary>Protects every primary cell; returns the number of cells newly suppressed.</summary>
    public int Run(List<int> primaries)
    {
        var added = 0;
        foreach (var cell in primaries)
        {
            if (_protected[cell])
                continue;
            _table.Coords(cell, _coords);
            for (var d = 0; d < _n; d++)
                SelectCandidates(cell, d);
            var bestCost = double.MaxValue;
            Search(cell, 0, ref bestCost);
            added += Suppress(cell, _best);
        }
        return added;
    }

    /// <summary>Cost of suppressing a cell: its contributors plus one (so fewer cells win ties); free when already suppressed.</summary>
    private double Cost(int index) =>
        _status[index] != CellStatus.Published ? 0 : _contributors[index] == 0 ? _emptyCost : _contributors[index] + 1;

    /// <summary>Keeps the cheapest alternative coordinates along <paramref name="d"/>, judged by the neighbouring cell.</summary>
    private void SelectCandidates(int cell, int d)
    {
        var extent = _table.Extents[d];
        var stride = _table.Strides[d];
        var own = _coords[d];
        var baseIndex = cell - own * stride;
        var chosen = _candidates[d];
        var count = 0;
        for (var j = 0; j < extent; j++)
        {
            if (j == own)
                continue;
            var cost = Cost(baseIndex + j * stride);
            if (count == _take && cost >= _candidateCost[count - 1])
                continue;
            // Insertion into a short sorted list.
            var at = count == _take ? count - 1 : count++;
            while (at > 0 && _candidateCost[at - 1] > cost)
            {
                _candidateCost[at] = _candidateCost[at - 1];
                chosen[at] = chosen[at - 1];
                at--;
            }
            _candidateCost[at] = cost;
            chosen[at] = j;
        }
        _candidateCount[d] = count;
    }

    private void Search(int cell, int d, ref double bestCost)
    {
        if (d == _n)
        {
            var cost = BoxCost(cell, bestCost);
            if (cost < bestCost)
            {
                bestCost = cost;
                _choice.CopyTo(_best, 0);
            }
            return;
        }
        // Candidate costs are per dimension; the list for d is reused, so read it before recursing.
        var list = _candidates[d];
        for (var c = 0; c < _candidateCount[d]; c++)
        {
            _choice[d] = list[c];
            Search(cell, d + 1, ref bestCost);
        }
    }

    private void Corners(int cell, int[] choice)
    {
        for (var d = 0; d < _n; d++)
            _delta[d] = (choice[d] - _coords[d]) * _table.Strides[d];
        _corner[0] = cell;
        for (var mask = 1; mask < _corner.Length; mask++)
        {
            var low = BitOperations.TrailingZeroCount(mask);
            _corner[mask] = _corner[mask & (mask - 1)] + _delta[low];
        }
    }

    private double BoxCost(int cell, double limit)
    {
        Corners(cell, _choice);
        double cost = 0;
        for (var mask = 1; mask < _corner.Length; mask++)
        {
            cost += Cost(_corner[mask]);
            if (cost >= limit)
                return cost;
        }
        return cost;
    }

    private int Suppress(int cell, int[] choice)
    {
        Corners(cell, choice);
        var added = 0;
        foreach (var index in _corner)
        {
            if (_status[index] == CellStatus.Published)
            {
                _status[index] = CellStatus.SecondarySuppressed;
                added++;
            }
            _protected[index] = true;
        }
        return added;
    }
}
