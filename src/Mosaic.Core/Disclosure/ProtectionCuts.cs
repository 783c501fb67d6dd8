using Google.OrTools.LinearSolver;

namespace Mosaic.Core.Disclosure;

/// <summary>
/// The attacker subproblem of the optimal method (Fischetti and Salazar, "Solving the cell suppression problem on
/// tabular data with linear constraints", Management Science 2001), for one layer. Every cell of the table, totals
/// included, is a deviation <c>y</c> from its true value; every line of the table (a total and its categories) keeps
/// its sum, and a cell's deviation may be non-zero only as far as it is suppressed (<c>s</c> in [0, 1]):
/// <c>−a·s ≤ y ≤ U·s</c>, with <c>a</c> its value (non-negativity) and <c>U</c> the sum of every cell plus one (beyond
/// any value a cell can take; were it ever reached, it would only narrow intervals, which is safe). The largest and the smallest deviation of a cell give its interval. By LP duality, any dual solution gives
/// an upper bound of that width that is linear in <c>s</c>; for the pattern at hand it is the width itself. So the
/// width a cell needs becomes a linear constraint on which cells are suppressed (a cut): it holds for every safe
/// pattern and fails for the pattern that was too narrow.
/// </summary>
internal sealed class ProtectionCuts : IDisposable
{
    private readonly ProtectionLayer _layer;
    private readonly Solver _solver;
    private readonly Variable[] _y;
    private readonly List<(Constraint Row, int[] Cells, double[] Coefficients)> _lines = [];
    private readonly double _upper;

    public ProtectionCuts(LinkedTable table, ProtectionLayer layer)
    {
        _layer = layer;
        _upper = layer.Values.Sum(Math.Abs) + 1;
        _solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools GLOP is not available");
        _y = new Variable[table.Size];
        for (var c = 0; c < table.Size; c++)
            _y[c] = _solver.MakeNumVar(0, 0, "y" + c);
        for (var d = 0; d < table.Dimensions; d++)
        {
            var stride = table.Strides[d];
            var categories = table.Categories[d];
            for (var cell = 0; cell < table.Size; cell++)
            {
                if ((cell / stride) % table.Extents[d] != categories)
                    continue;
                // The line of dimension d through this total: its categories minus the total are 0.
                var members = new int[categories + 1];
                var coefficients = new double[categories + 1];
                var row = _solver.MakeConstraint(0, 0);
                for (var k = 0; k <= categories; k++)
                {
                    members[k] = cell - (categories - k) * stride;
                    coefficients[k] = k == categories ? -1 : 1;
                    row.SetCoefficient(_y[members[k]], coefficients[k]);
                }
                _lines.Add((row, members, coefficients));
            }
        }
    }

    /// <summary>
    /// The width of <paramref name="cell"/>'s interval when the cells are suppressed as far as <paramref name="s"/> says,
    /// and the cut's coefficients: per cell, how much of that width its suppression can contribute at most
    /// (sum of coefficient × s ≥ the width, for every s).
    /// </summary>
    public (double Width, double[] Coefficients) Cut(int cell, double[] s)
    {
        for (var c = 0; c < _y.Length; c++)
        {
            var down = _layer.NonNegative ? Math.Max(0, _layer.Values[c]) : _upper;
            _y[c].SetBounds(-down * s[c], _upper * s[c]);
        }
        var (up, upCoefficients) = Deviation(cell, s, +1);
        var (down2, downCoefficients) = Deviation(cell, s, -1);
        for (var c = 0; c < upCoefficients.Length; c++)
            upCoefficients[c] += downCoefficients[c];
        return (up + down2, upCoefficients);
    }

    /// <summary>The largest deviation of the cell in one direction, and the dual bound's coefficients per cell.</summary>
    private (double Deviation, double[] Coefficients) Deviation(int cell, double[] s, int direction)
    {
        // Always a minimisation (of −direction·y), so that the dual reads the same way for both directions.
        var objective = _solver.Objective();
        objective.Clear();
        objective.SetCoefficient(_y[cell], -direction);
        objective.SetMinimization();
        var status = _solver.Solve();
        if (status != Solver.ResultStatus.OPTIMAL)
        {
            _solver.Reset();
            status = _solver.Solve(SolverParameters.FromScratch);
        }
        if (status != Solver.ResultStatus.OPTIMAL)
            throw new InvalidOperationException($"optimal suppression: the attacker programme of cell {cell} ended {status}");
        var deviation = -objective.Value();
        // Weak duality holds for any multipliers, so both sign conventions give valid bounds: keep the tighter one.
        var best = Coefficients(cell, direction, 1);
        var other = Coefficients(cell, direction, -1);
        return (deviation, Value(other, s) < Value(best, s) ? other : best);
    }

    /// <summary>
    /// Per cell, the bound's coefficient from the rows' multipliers λ: with reduced costs r = c − Aᵀλ of the
    /// minimisation, min ≥ Σ (max(r, 0)·lower + min(r, 0)·upper); negated, a deviation at most
    /// Σ (max(r, 0)·a + max(−r, 0)·U)·s.
    /// </summary>
    private double[] Coefficients(int cell, int direction, int sign)
    {
        var reduced = new double[_y.Length];
        reduced[cell] = -direction;
        foreach (var (row, cells, coefficients) in _lines)
        {
            var lambda = sign * row.DualValue();
            if (lambda == 0)
                continue;
            for (var k = 0; k < cells.Length; k++)
                reduced[cells[k]] -= lambda * coefficients[k];
        }
        var result = new double[_y.Length];
        for (var c = 0; c < result.Length; c++)
        {
            var down = _layer.NonNegative ? Math.Max(0, _layer.Values[c]) : _upper;
            var r = Math.Abs(reduced[c]) < 1e-9 ? 0 : reduced[c];
            result[c] = Math.Max(r, 0) * down + Math.Max(-r, 0) * _upper;
        }
        return result;
    }

    private static double Value(double[] coefficients, double[] s)
    {
        var sum = 0.0;
        for (var c = 0; c < s.Length; c++)
            sum += coefficients[c] * s[c];
        return sum;
    }

    public void Dispose() => _solver.Dispose();
}
