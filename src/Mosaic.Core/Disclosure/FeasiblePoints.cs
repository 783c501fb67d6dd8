namespace Mosaic.Core.Disclosure;

/// <summary>
/// The values the audited cells take at the feasible points of the intruder's programme seen so far: the true table
/// (when known) and every optimal solution the audit's LPs return. Any two feasible points bound a cell's interval from
/// inside, so a cell whose values already differ by its protection level needs no LP of its own: its interval is at
/// least that wide. Only the cells still narrower are solved, and each of their solutions widens the others'.
/// </summary>
/// <remarks>
/// The unknowns are split into independent components; a point is assembled per component (any feasible solution of
/// one component combines with any of another). A cell is evaluated once every component it touches has a point.
/// </remarks>
internal sealed class FeasiblePoints
{
    private readonly double[] _point;
    private readonly bool[] _filled;
    private readonly int[][] _cellUnknowns;
    private readonly double[] _constant;
    private readonly int[] _pending;
    private readonly List<int>[] _cellsOf;
    private readonly double[] _low;
    private readonly double[] _high;

    /// <param name="componentOf">Per unknown, its component (0..components-1).</param>
    /// <param name="components">Number of components.</param>
    /// <param name="cellUnknowns">Per audited cell, the unknowns it sums.</param>
    /// <param name="constant">Per audited cell, the part of its value that is known (its published inner cells).</param>
    public FeasiblePoints(int[] componentOf, int components, int[][] cellUnknowns, double[] constant)
    {
        _point = new double[componentOf.Length];
        _filled = new bool[components];
        _cellUnknowns = cellUnknowns;
        _constant = constant;
        _pending = new int[cellUnknowns.Length];
        _cellsOf = new List<int>[components];
        for (var c = 0; c < components; c++)
            _cellsOf[c] = [];
        _low = new double[cellUnknowns.Length];
        _high = new double[cellUnknowns.Length];
        Array.Fill(_low, double.PositiveInfinity);
        Array.Fill(_high, double.NegativeInfinity);
        for (var cell = 0; cell < cellUnknowns.Length; cell++)
        {
            foreach (var component in cellUnknowns[cell].Select(u => componentOf[u]).Distinct())
            {
                _cellsOf[component].Add(cell);
                _pending[cell]++;
            }
            if (_pending[cell] == 0)
                Observe(cell);
        }
    }

    /// <summary>A value the cell is known to take at a feasible point (its true value, inside Mosaic).</summary>
    public void Observe(int cell, double value)
    {
        _low[cell] = Math.Min(_low[cell], value);
        _high[cell] = Math.Max(_high[cell], value);
    }

    /// <summary>One feasible solution of a component: <paramref name="values"/>[i] is the value of <paramref name="unknowns"/>[i].</summary>
    public void Record(int component, IReadOnlyList<int> unknowns, IReadOnlyList<double> values)
    {
        for (var i = 0; i < unknowns.Count; i++)
            _point[unknowns[i]] = values[i];
        if (!_filled[component])
        {
            _filled[component] = true;
            foreach (var cell in _cellsOf[component])
                _pending[cell]--;
        }
        foreach (var cell in _cellsOf[component])
        {
            if (_pending[cell] == 0)
                Observe(cell);
        }
    }

    /// <summary>The smallest and largest value seen for the cell (an inner bound of its interval; empty before any point).</summary>
    public (double Low, double High) Seen(int cell) => (_low[cell], _high[cell]);

    /// <summary>Whether the values seen already differ by at least <paramref name="required"/> (for a level of 0: by more than the tolerance).</summary>
    public bool Proves(int cell, double required)
    {
        var (low, high) = (_low[cell], _high[cell]);
        if (low > high)
            return false;
        var width = high - low;
        var tolerance = Tolerance(high);
        return required > 0 ? width >= required - tolerance : width > tolerance;
    }

    /// <summary>The audit's tolerance on an interval width, relative to the size of its bound.</summary>
    public static double Tolerance(double bound) => 1e-7 * Math.Max(1, Math.Abs(bound));

    private void Observe(int cell)
    {
        var value = _constant[cell];
        foreach (var u in _cellUnknowns[cell])
            value += _point[u];
        Observe(cell, value);
    }
}
