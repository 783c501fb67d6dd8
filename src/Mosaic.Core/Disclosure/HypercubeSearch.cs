using System.Numerics;
using System.Runtime.CompilerServices;

namespace Mosaic.Core.Disclosure;

/// <summary>The fast secondary-suppression search of <see cref="DisclosureControl"/> (one instance per table).</summary>
/// <remarks>
/// A box (hypercube) spanned by a cell and one other coordinate per dimension can shift by +t on some corners and
/// −t on others without breaking any additivity line. Under non-negativity the shift is bounded by the smallest
/// corner that must go down on each side, so a box is <em>valid</em> only when, in every layer, the smallest
/// "+" corner plus the smallest "−" corner is at least the protection level of every corner: then each corner's
/// feasible interval is at least that wide, whatever else is suppressed. A box whose corners all share one sign
/// (every other coordinate a total) can grow without bound and is always valid: the last resort.
/// Hot for large tables: candidates are kept in small fixed arrays and corners are enumerated incrementally.
/// </remarks>
internal sealed class HypercubeSearch
{
    private const int WideBudget = 4096;

    private readonly LinkedTable _table;
    private readonly long[] _contributors;
    private readonly CellStatus[] _status;
    private readonly IReadOnlyList<ProtectionLayer> _layers;
    private readonly int _n;
    private readonly int[] _coords;
    private readonly int[][] _candidates;
    private readonly int[] _candidateCount;
    private readonly double[] _candidateCost;
    private readonly int[] _choice;
    private readonly int[] _best;
    private readonly int[] _delta;
    private readonly int[] _corner;
    private readonly bool[] _negative;
    private readonly int[] _partial;
    private readonly int[] _order;
    private readonly bool[] _partialNegative;
    private readonly double[] _partialCost;
    private readonly ProtectionLayer[] _bounded;
    private readonly double[][] _plus;
    private readonly double[][] _minus;
    private readonly double[][] _need;
    private readonly int[]?[] _witness;
    private readonly int[] _witnessFlip;
    private int _take;

    public HypercubeSearch(LinkedTable table, long[] contributors, CellStatus[] status, IReadOnlyList<ProtectionLayer> layers)
    {
        _table = table;
        _contributors = contributors;
        _status = status;
        _layers = layers;
        _n = table.Dimensions;
        _coords = new int[_n];
        _candidates = [.. Enumerable.Range(0, _n).Select(_ => new int[table.Extents.Max()])];
        _candidateCount = new int[_n];
        _candidateCost = new double[table.Extents.Max()];
        _choice = new int[_n];
        _best = new int[_n];
        _delta = new int[_n];
        _corner = new int[1 << _n];
        _negative = new bool[1 << _n];
        _partial = new int[1 << _n];
        _order = new int[_n];
        _partialNegative = new bool[1 << _n];
        _partialCost = new double[_n + 1];
        _bounded = [.. layers.Where(l => l.NonNegative)];
        _plus = [.. _bounded.Select(_ => new double[_n + 1])];
        _minus = [.. _bounded.Select(_ => new double[_n + 1])];
        _need = [.. _bounded.Select(_ => new double[_n + 1])];
        _witness = new int[]?[table.Size];
        _witnessFlip = new int[table.Size];
        Protected = new bool[table.Size];
    }

    /// <summary>Cells with a valid box around them (so their interval is wide enough whatever is added later).</summary>
    public bool[] Protected { get; }

    /// <summary>Protects every given cell with a valid box; returns the number of cells newly suppressed.</summary>
    public int Run(IEnumerable<int> cells, int budget)
    {
        var added = 0;
        foreach (var cell in cells)
        {
            if (Protected[cell])
                continue;
            added += Protect(cell, budget);
        }
        return added;
    }

    /// <summary>The candidate valid boxes of one cell (for the optimal method), cheapest first, as corner lists.</summary>
    public List<int[]> Boxes(int cell, int budget, int max)
    {
        _table.Coords(cell, _coords);
        Candidates(cell, budget);
        var found = new List<(double Cost, int[] Corners)>();
        Enumerate(cell, 0, found);
        found.Sort((a, b) => a.Cost.CompareTo(b.Cost));
        var boxes = found.Take(max).Select(f => f.Corners).ToList();
        if (boxes.Count == 0)
        {
            LastResort(cell);
            Corners(cell, _best);
            boxes.Add([.. _corner]);
        }
        return boxes;
    }

    /// <summary>Suppresses the all-totals box of a cell (always valid: it can grow without bound); returns cells added.</summary>
    public int ProtectWithoutBound(int cell)
    {
        _table.Coords(cell, _coords);
        LastResort(cell);
        return Suppress(cell, _best);
    }

    /// <summary>
    /// Whether some box made only of cells already suppressed is valid for <paramref name="cell"/>: a proof, without
    /// any LP, that its interval is wide enough. Alternatives along a dimension are the suppressed cells on its line.
    /// </summary>
    /// <remarks>
    /// The last valid box seen around the cell (the box that protected it, or one found by this search) is checked
    /// first: when all its corners are still suppressed and it is still valid, the answer is yes without a search.
    /// </remarks>
    public bool HasSuppressedValidBox(int cell) => KnownValidBox(cell) is not null;

    /// <summary>
    /// A valid box made only of suppressed cells around <paramref name="cell"/> (the last one seen, when it still holds,
    /// else one found by <see cref="SuppressedValidBox"/>), or null when there is none.
    /// </summary>
    public int[]? KnownValidBox(int cell) =>
        _witness[cell] is { } box && StillValid(box, _witnessFlip[cell]) ? box : SuppressedValidBox(cell);

    /// <summary>The corners of a valid box made only of suppressed cells around <paramref name="cell"/>, or null when there is none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int[]? SuppressedValidBox(int cell)
    {
        _table.Coords(cell, _coords);
        for (var d = 0; d < _n; d++)
        {
            var stride = _table.Strides[d];
            var baseIndex = cell - _coords[d] * stride;
            var count = 0;
            for (var j = 0; j < _table.Extents[d]; j++)
            {
                if (j != _coords[d] && _status[baseIndex + j * stride] != CellStatus.Published)
                    _candidates[d][count++] = j;
            }
            if (count == 0)
                return null;
            _candidateCount[d] = count;
            // Dimensions with the fewest alternatives first: a branch meets a published corner sooner.
            var at = d;
            while (at > 0 && _candidateCount[_order[at - 1]] > count)
            {
                _order[at] = _order[at - 1];
                at--;
            }
            _order[at] = d;
        }
        if (!FindSuppressedBox(cell, 0))
            return null;
        int[] box = [.. _corner];
        Witness(box, Flip(_choice));
        return box;
    }

    /// <summary>
    /// Depth-first over the alternatives of each dimension, in <see cref="_order"/>; <see cref="_partial"/> holds the
    /// corners spanned by the dimensions chosen so far, so a branch stops at the first published corner or as soon as
    /// it can no longer be valid. Which valid box is found first does not matter to any caller: each only needs one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool FindSuppressedBox(int cell, int depth)
    {
        if (depth == 0)
            StartPartial(cell);
        if (depth == _n)
        {
            Corners(cell, _choice);
            return Valid();
        }
        var d = _order[depth];
        var list = _candidates[d];
        var half = 1 << depth;
        for (var c = 0; c < _candidateCount[d]; c++)
        {
            _choice[d] = list[c];
            var delta = (list[c] - _coords[d]) * _table.Strides[d];
            var flip = Flips(d, list[c]);
            var suppressed = true;
            for (var mask = 0; mask < half && suppressed; mask++)
            {
                var corner = _partial[mask] + delta;
                suppressed = _status[corner] != CellStatus.Published;
                _partial[half + mask] = corner;
                _partialNegative[half + mask] = _partialNegative[mask] ^ flip;
            }
            if (suppressed && PartialValid(depth) && FindSuppressedBox(cell, depth + 1))
                return true;
        }
        return false;
    }

    /// <summary>Two categories of one line move in opposite directions; a category and its total move together.</summary>
    private bool Flips(int d, int choice) => !_table.IsTotal(d, _coords[d]) && !_table.IsTotal(d, choice);

    /// <summary>The partial box of the cell alone (depth 0 of <see cref="PartialValid"/>).</summary>
    private void StartPartial(int cell)
    {
        _partial[0] = cell;
        _partialNegative[0] = false;
        _partialCost[0] = 0;
        var status = _status[cell] == CellStatus.Published ? CellStatus.SecondarySuppressed : _status[cell];
        for (var l = 0; l < _bounded.Length; l++)
        {
            _plus[l][0] = _bounded[l].Values[cell];
            _minus[l][0] = double.PositiveInfinity;
            _need[l][0] = Math.Max(0, _bounded[l].Level(cell, status));
        }
    }

    /// <summary>
    /// Extends the validity test of <see cref="Valid"/> from the corners spanned by the first d dimensions chosen to
    /// those of the first d + 1 (<see cref="_partial"/>[2^d .. 2^(d+1)) added); false when no box completing them can be valid. Exact:
    /// more corners only lower the smallest "+" and "−" corner and raise the level needed, so a partial box that fails
    /// fails with every completion, and the boxes that remain are met in the same order as without the test.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool PartialValid(int d)
    {
        var half = 1 << d;
        for (var l = 0; l < _bounded.Length; l++)
        {
            var layer = _bounded[l];
            var values = layer.Values;
            double plus = _plus[l][d], minus = _minus[l][d], need = _need[l][d];
            for (var m = half; m < 2 * half; m++)
            {
                var c = _partial[m];
                if (_partialNegative[m])
                    minus = Math.Min(minus, values[c]);
                else
                    plus = Math.Min(plus, values[c]);
                var status = _status[c] == CellStatus.Published ? CellStatus.SecondarySuppressed : _status[c];
                need = Math.Max(need, layer.Level(c, status));
            }
            _plus[l][d + 1] = plus;
            _minus[l][d + 1] = minus;
            _need[l][d + 1] = need;
            if (plus + minus < need - 1e-9)
                return false;
        }
        return true;
    }

    /// <summary>The flip mask of the box spanned by <paramref name="choice"/> (bit d: both coordinates of dimension d are categories).</summary>
    private int Flip(int[] choice)
    {
        var flip = 0;
        for (var d = 0; d < _n; d++)
        {
            if (Flips(d, choice[d]))
                flip |= 1 << d;
        }
        return flip;
    }

    /// <summary>Remembers a valid box for each of its corners (a box is valid for all its corners or none).</summary>
    private void Witness(int[] box, int flip)
    {
        foreach (var corner in box)
        {
            _witness[corner] = box;
            _witnessFlip[corner] = flip;
        }
    }

    /// <summary>
    /// Whether a box remembered by <see cref="Witness"/> is still made of suppressed cells only and valid, in the
    /// order of <see cref="Corners"/> (corner m is "−" when m and the flip mask share an odd number of bits; which
    /// corner anchors the box only swaps "+" and "−", so the test is the same for every corner).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool StillValid(int[] box, int flip)
    {
        foreach (var c in box)
        {
            if (_status[c] == CellStatus.Published)
                return false;
        }
        foreach (var layer in _bounded)
        {
            double plus = double.PositiveInfinity, minus = double.PositiveInfinity, need = 0;
            for (var m = 0; m < box.Length; m++)
            {
                var c = box[m];
                var v = layer.Values[c];
                if ((BitOperations.PopCount((uint)(m & flip)) & 1) == 1)
                    minus = Math.Min(minus, v);
                else
                    plus = Math.Min(plus, v);
                need = Math.Max(need, layer.Level(c, _status[c]));
            }
            if (plus + minus < need - 1e-9)
                return false;
        }
        return true;
    }

    private int Protect(int cell, int budget)
    {
        _table.Coords(cell, _coords);
        var bestCost = double.MaxValue;
        Candidates(cell, budget);
        Search(cell, 0, ref bestCost);
        if (bestCost == double.MaxValue && budget < WideBudget)
        {
            Candidates(cell, WideBudget);
            Search(cell, 0, ref bestCost);
        }
        if (bestCost == double.MaxValue)
            LastResort(cell);
        return Suppress(cell, _best);
    }

    private void Candidates(int cell, int budget)
    {
        _take = Math.Max(2, (int)Math.Floor(Math.Pow(budget, 1.0 / _n) + 1e-9));
        for (var d = 0; d < _n; d++)
            SelectCandidates(cell, d);
    }

    /// <summary>Every other coordinate a total (or, where the cell is a total, its largest category): all corners move together.</summary>
    private void LastResort(int cell)
    {
        for (var d = 0; d < _n; d++)
        {
            if (!_table.IsTotal(d, _coords[d]))
            {
                _best[d] = _table.Categories[d];
                continue;
            }
            var stride = _table.Strides[d];
            var baseIndex = cell - _coords[d] * stride;
            var pick = 0;
            for (var j = 1; j < _table.Categories[d]; j++)
            {
                if (_contributors[baseIndex + j * stride] > _contributors[baseIndex + pick * stride])
                    pick = j;
            }
            _best[d] = pick;
        }
    }

    /// <summary>
    /// Cost of suppressing a cell: a fixed cost per cell plus its contributors (capped below the fixed cost), so fewer
    /// cells always win and fewer hidden persons break ties; free when already suppressed. Measured on the guide's first
    /// table: 247 cells against 258 when the cost is the contributors alone.
    /// </summary>
    private const double CellCost = 1000;

    private double Cost(int index) => _status[index] != CellStatus.Published ? 0 : CellCost + Math.Min(_contributors[index], CellCost - 1);

    /// <summary>Keeps the cheapest alternative coordinates along <paramref name="d"/>, judged by the neighbouring cell.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SelectCandidates(int cell, int d)
    {
        var extent = _table.Extents[d];
        var stride = _table.Strides[d];
        var own = _coords[d];
        var baseIndex = cell - own * stride;
        var chosen = _candidates[d];
        var take = Math.Min(_take, extent - 1);
        var count = 0;
        for (var j = 0; j < extent; j++)
        {
            if (j == own)
                continue;
            var cost = Cost(baseIndex + j * stride);
            if (count == take && cost >= _candidateCost[count - 1])
                continue;
            var at = count == take ? count - 1 : count++;
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

    /// <summary>
    /// Depth-first over the candidate boxes, keeping the first cheapest valid one. A branch stops as soon as the
    /// corners spanned so far cost as much as the best box found (costs are never negative) or can no longer be valid
    /// (<see cref="PartialValid"/>): the box chosen is the one the full enumeration would choose.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Search(int cell, int d, ref double bestCost)
    {
        if (d == 0)
            StartPartial(cell);
        if (d == _n)
        {
            // _partialCost[_n] and PartialValid at every depth are BoxCost and Valid of this box.
            if (_partialCost[_n] < bestCost)
            {
                bestCost = _partialCost[_n];
                _choice.CopyTo(_best, 0);
            }
            return;
        }
        var list = _candidates[d];
        var half = 1 << d;
        for (var c = 0; c < _candidateCount[d]; c++)
        {
            _choice[d] = list[c];
            var delta = (list[c] - _coords[d]) * _table.Strides[d];
            var flip = Flips(d, list[c]);
            var cost = _partialCost[d];
            for (var mask = 0; mask < half; mask++)
            {
                var corner = _partial[mask] + delta;
                _partial[half + mask] = corner;
                _partialNegative[half + mask] = _partialNegative[mask] ^ flip;
                cost += Cost(corner);
            }
            _partialCost[d + 1] = cost;
            if (cost < bestCost && PartialValid(d))
                Search(cell, d + 1, ref bestCost);
        }
    }

    private void Enumerate(int cell, int d, List<(double, int[])> found)
    {
        if (d == _n)
        {
            var cost = BoxCost(cell, double.MaxValue);
            if (Valid())
                found.Add((cost, [.. _corner]));
            return;
        }
        var list = _candidates[d];
        for (var c = 0; c < _candidateCount[d]; c++)
        {
            _choice[d] = list[c];
            Enumerate(cell, d + 1, found);
        }
    }

    private void Corners(int cell, int[] choice)
    {
        var flip = 0;
        for (var d = 0; d < _n; d++)
        {
            _delta[d] = (choice[d] - _coords[d]) * _table.Strides[d];
            // Two categories of one line move in opposite directions; a category and its total move together.
            if (!_table.IsTotal(d, _coords[d]) && !_table.IsTotal(d, choice[d]))
                flip |= 1 << d;
        }
        _corner[0] = cell;
        _negative[0] = false;
        for (var mask = 1; mask < _corner.Length; mask++)
        {
            var low = BitOperations.TrailingZeroCount(mask);
            _corner[mask] = _corner[mask & (mask - 1)] + _delta[low];
            _negative[mask] = (BitOperations.PopCount((uint)(mask & flip)) & 1) == 1;
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

    /// <summary>Whether the box in <see cref="_corner"/> keeps every corner's interval at least as wide as its level, in every layer.</summary>
    private bool Valid()
    {
        foreach (var layer in _layers)
        {
            if (!layer.NonNegative)
                continue;
            double plus = double.PositiveInfinity, minus = double.PositiveInfinity, need = 0;
            for (var m = 0; m < _corner.Length; m++)
            {
                var c = _corner[m];
                var v = layer.Values[c];
                if (_negative[m])
                    minus = Math.Min(minus, v);
                else
                    plus = Math.Min(plus, v);
                var status = _status[c] == CellStatus.Published ? CellStatus.SecondarySuppressed : _status[c];
                need = Math.Max(need, layer.Level(c, status));
            }
            if (plus + minus < need - 1e-9)
                return false;
        }
        return true;
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
            Protected[index] = true;
        }
        Witness([.. _corner], Flip(choice));
        return added;
    }
}
