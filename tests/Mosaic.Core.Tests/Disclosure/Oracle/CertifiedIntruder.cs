using Google.OrTools.LinearSolver;
using Mosaic.Core.Disclosure;

namespace Mosaic.Core.Tests.Disclosure.Oracle;

/// <summary>
/// The intruder of issue 15 for tables too large for <see cref="ExactSimplex"/>, written independently of Mosaic's
/// audit (which uses GLOP on independent components, warm re-solves and boxed variables): one programme for the whole
/// table in HiGHS, a different LP code. Its answers are not trusted: for every suppressed cell it asks for a feasible
/// table where the cell is as small as possible and one where it is as large as possible (capped just above the
/// protection level, so it is never unbounded), then checks each of those two tables itself — every published total
/// equals the sum of its inner cells, every inner cell is 0 or more — and measures the distance between them. Two
/// checked tables K apart prove that the intruder cannot narrow the cell to fewer than K values; a distance below K
/// (from solutions that are true optima) is a narrow cell.
/// It also reports every published total whose published inner cells alone contradict it (equations that do not add up).
/// </summary>
internal sealed class CertifiedIntruder
{
    private const double Tolerance = 1e-6;

    private readonly LinkedTable _table;
    private readonly bool[] _suppressed;
    private readonly double[] _published;
    private readonly Dictionary<int, int> _unknown = [];
    private readonly List<(int Total, int[] Unknowns, double Rhs)> _equations = [];
    private readonly List<string> _contradictions = [];

    /// <param name="table">The table's shape.</param>
    /// <param name="suppressed">Per cell, whether it is suppressed.</param>
    /// <param name="published">Per cell, the published value (read only where not suppressed).</param>
    public CertifiedIntruder(LinkedTable table, IReadOnlyList<bool> suppressed, IReadOnlyList<double> published)
    {
        _table = table;
        _suppressed = [.. suppressed];
        _published = [.. published];
        for (var i = 0; i < table.Size; i++)
        {
            if (_suppressed[i] && table.TotalCount(i) == 0)
                _unknown[i] = _unknown.Count;
        }
        for (var i = 0; i < table.Size; i++)
        {
            if (_suppressed[i] || table.TotalCount(i) == 0)
                continue;
            var (unknowns, known) = Below(i);
            var rhs = _published[i] - known;
            if (unknowns.Length > 0)
                _equations.Add((i, unknowns, rhs));
            else if (Math.Abs(rhs) > Tolerance)
                _contradictions.Add($"total {i} is published as {_published[i]} but its inner cells add up to {known}");
        }
    }

    /// <summary>Published totals that their published inner cells contradict (none in a consistent table).</summary>
    public IReadOnlyList<string> Contradictions => _contradictions;

    /// <summary>Every suppressed cell whose checked feasible range is narrower than <paramref name="k"/>, described.</summary>
    public List<string> NarrowerThan(double k)
    {
        var narrow = new List<string>();
        if (_unknown.Count == 0)
            return narrow;
        using var solver = Solver.CreateSolver("HIGHS") ?? throw new InvalidOperationException("HiGHS is not available");
        var x = new Variable[_unknown.Count];
        for (var u = 0; u < x.Length; u++)
            x[u] = solver.MakeNumVar(0, double.PositiveInfinity, "x" + u);
        foreach (var (_, unknowns, rhs) in _equations)
        {
            var row = solver.MakeConstraint(rhs, rhs);
            foreach (var u in unknowns)
                row.SetCoefficient(x[u], 1);
        }
        var cap = solver.MakeConstraint(double.NegativeInfinity, double.PositiveInfinity);
        for (var cell = 0; cell < _table.Size; cell++)
        {
            if (!_suppressed[cell])
                continue;
            var (unknowns, constant) = Below(cell);
            var objective = solver.Objective();
            objective.Clear();
            foreach (var u in unknowns)
                objective.SetCoefficient(x[u], 1);
            objective.SetMinimization();
            var low = Point(solver, x, cell, "smallest");
            var lowValue = constant + unknowns.Sum(u => low[u]);
            foreach (var u in unknowns)
                cap.SetCoefficient(x[u], 1);
            cap.SetBounds(double.NegativeInfinity, lowValue - constant + k + 1);
            objective.SetMaximization();
            var high = Point(solver, x, cell, "largest");
            var highValue = constant + unknowns.Sum(u => high[u]);
            foreach (var u in unknowns)
                cap.SetCoefficient(x[u], 0);
            cap.SetBounds(double.NegativeInfinity, double.PositiveInfinity);
            if (highValue - lowValue < k - Tolerance)
                narrow.Add($"cell {cell} lies in [{lowValue}, {highValue}]");
        }
        return narrow;
    }

    /// <summary>Solves, then checks the solution is a table consistent with everything published.</summary>
    private double[] Point(Solver solver, Variable[] x, int cell, string which)
    {
        var status = solver.Solve();
        if (status != Solver.ResultStatus.OPTIMAL)
            throw new InvalidOperationException($"the intruder's programme for the {which} value of cell {cell} ended {status}");
        var point = x.Select(v => v.SolutionValue()).ToArray();
        if (point.Any(v => v < -Tolerance))
            throw new InvalidOperationException($"the intruder's {which} table for cell {cell} has a negative cell");
        foreach (var (total, unknowns, rhs) in _equations)
        {
            var sum = unknowns.Sum(u => point[u]);
            if (Math.Abs(sum - rhs) > Tolerance * Math.Max(1, Math.Abs(rhs)))
                throw new InvalidOperationException($"the intruder's {which} table for cell {cell} breaks published total {total}");
        }
        return point;
    }

    /// <summary>The unknowns below a cell and the sum of its published inner cells.</summary>
    private (int[] Unknowns, double Known) Below(int cell)
    {
        var unknowns = new List<int>();
        double known = 0;
        foreach (var inner in IntruderOracle.InnerCells(_table, cell))
        {
            if (_unknown.TryGetValue(inner, out var u))
                unknowns.Add(u);
            else
                known += _published[inner];
        }
        return ([.. unknowns], known);
    }
}
