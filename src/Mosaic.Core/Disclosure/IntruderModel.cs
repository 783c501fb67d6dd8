using Google.OrTools.LinearSolver;

namespace Mosaic.Core.Disclosure;

/// <summary>
/// One component of the intruder's linear programme, as the audits solve it (<see cref="LinearAudit"/>,
/// <see cref="JointAudit"/>): unknowns, and equations that each sum some of them (coefficient 1) to a published value.
/// </summary>
/// <remarks>
/// <para>
/// Bounds. Under non-negativity no unknown exceeds the smallest right-hand side of an equation it is in (the others
/// in it are 0 or more), so that is its upper bound: exact, no feasible point is cut off, and every bounded cell's
/// largest value is found without a large constant. Earlier versions boxed every unknown by 10³ times the sum of the
/// table (1.4·10⁹ on the guide's first table, against right-hand sides of a few hundred), and GLOP then reported
/// feasible programmes INFEASIBLE, from scratch too; with these bounds the same programme is optimal. Without
/// non-negativity the feasible set is an affine subspace, where a cell is either fixed or unbounded: the unknowns are
/// boxed just beyond the table's largest value (the true table stays inside) and a cell whose largest and smallest
/// values differ is unbounded. A component without equations is unbounded above (and 0 or unbounded below) without an LP.
/// </para>
/// <para>
/// Failures. GLOP re-optimises from the previous basis; any answer other than optimal is solved again from scratch,
/// then by CLP. Only when both solvers fail is it reported: as a solver failure (never as a finding, never as
/// protection) when the programme is known to be feasible (the true table satisfies it), else as tables that do not add up.
/// </para>
/// </remarks>
internal sealed class IntruderModel : IDisposable
{
    private readonly int[] _unknowns;
    private readonly Dictionary<int, int> _index = [];
    private readonly List<(int[] Unknowns, double Value)> _equations;
    private readonly bool _nonNegative;
    private readonly bool _knownFeasible;
    private readonly string _context;
    private readonly double[] _lower;
    private readonly double[] _upper;
    private readonly double _box;
    private (Solver Solver, Variable[] Vars)? _glop;
    private (Solver Solver, Variable[] Vars)? _clp;

    /// <param name="unknowns">The component's unknowns (ids).</param>
    /// <param name="equations">Per equation, the unknowns it sums and the value they sum to.</param>
    /// <param name="nonNegative">Whether every unknown is 0 or more.</param>
    /// <param name="scale">The largest absolute value in the table (boxes the unknowns of a layer without non-negativity).</param>
    /// <param name="knownFeasible">Whether a feasible point is known (the true table): then no answer can mean "infeasible".</param>
    /// <param name="context">Names the audit in messages.</param>
    public IntruderModel(IReadOnlyList<int> unknowns, IEnumerable<(int[] Unknowns, double Value)> equations, bool nonNegative, double scale,
        bool knownFeasible, string context)
    {
        _unknowns = [.. unknowns];
        for (var i = 0; i < _unknowns.Length; i++)
            _index[_unknowns[i]] = i;
        _equations = [.. equations];
        _nonNegative = nonNegative;
        _knownFeasible = knownFeasible;
        _context = context;
        _box = 4 * (1 + Math.Abs(scale));
        _lower = new double[_unknowns.Length];
        _upper = new double[_unknowns.Length];
        Array.Fill(_lower, nonNegative ? 0 : -_box);
        Array.Fill(_upper, nonNegative ? double.PositiveInfinity : _box);
        if (nonNegative)
        {
            foreach (var (list, value) in _equations)
            {
                foreach (var u in list)
                    _upper[_index[u]] = Math.Min(_upper[_index[u]], Math.Max(0, value));
            }
        }
    }

    /// <summary>Whether the component has equations at all (without, its unknowns are free but for their sign).</summary>
    public bool Constrained => _equations.Count > 0;

    /// <summary>The values of the unknowns (in the constructor's order) at the last optimum, or null when there is none.</summary>
    public double[]? Solution { get; private set; }

    /// <summary>Re-solves from scratch after a warm re-solve that did not end optimal.</summary>
    public int ColdSolves { get; private set; }

    /// <summary>Solves that GLOP failed even from scratch and CLP answered.</summary>
    public int FallbackSolves { get; private set; }

    /// <summary>LPs solved.</summary>
    public int Solved { get; private set; }

    /// <summary>The largest (or smallest) sum of the given unknowns; infinite when unbounded.</summary>
    public double Optimize(IReadOnlyList<int> objective, bool maximize)
    {
        Solution = null;
        if (!Constrained)
            return maximize ? double.PositiveInfinity : _nonNegative ? 0 : double.NegativeInfinity;
        var value = SolveOne(objective, maximize);
        if (_nonNegative)
            return value;
        // An affine subspace: the sum is fixed or unbounded; it is fixed when the opposite optimum is the same.
        var kept = Solution;
        var opposite = SolveOne(objective, !maximize);
        if (Math.Abs(value - opposite) > 1e-7 * Math.Max(1, Math.Abs(value)))
        {
            Solution = null;
            return maximize ? double.PositiveInfinity : double.NegativeInfinity;
        }
        Solution = kept ?? Solution;
        return value;
    }

    /// <summary>Forgets GLOP's basis: the next solve starts from scratch.</summary>
    public void Reset() => _glop?.Solver.Reset();

    private double SolveOne(IReadOnlyList<int> objective, bool maximize)
    {
        Solved++;
        var glop = _glop ??= Build("GLOP");
        var status = Solve(glop, objective, maximize, warm: true);
        if (status != Solver.ResultStatus.OPTIMAL)
        {
            ColdSolves++;
            glop.Solver.Reset();
            status = Solve(glop, objective, maximize, warm: false);
        }
        if (status == Solver.ResultStatus.OPTIMAL)
            return Read(glop);
        var clp = _clp ??= Build("CLP");
        var second = Solve(clp, objective, maximize, warm: false);
        if (second == Solver.ResultStatus.OPTIMAL)
        {
            FallbackSolves++;
            return Read(clp);
        }
        if (!_knownFeasible && status == Solver.ResultStatus.INFEASIBLE && second == Solver.ResultStatus.INFEASIBLE)
            throw new InvalidDataException($"{_context}: the published cells do not add up: the intruder's equations have no solution");
        throw new InvalidOperationException(
            $"{_context}: the LP solvers failed on the intruder's programme (GLOP {status}, CLP {second}, {_unknowns.Length} unknowns, " +
            $"{_equations.Count} equations){(_knownFeasible ? ", which the true table satisfies" : "")}; nothing is released on a failed audit");
    }

    private Solver.ResultStatus Solve((Solver Solver, Variable[] Vars) model, IReadOnlyList<int> objective, bool maximize, bool warm)
    {
        var function = model.Solver.Objective();
        function.Clear();
        foreach (var u in objective)
            function.SetCoefficient(model.Vars[_index[u]], 1);
        if (maximize)
            function.SetMaximization();
        else
            function.SetMinimization();
        return warm ? model.Solver.Solve() : model.Solver.Solve(SolverParameters.FromScratch);
    }

    private double Read((Solver Solver, Variable[] Vars) model)
    {
        var values = new double[model.Vars.Length];
        for (var i = 0; i < values.Length; i++)
            values[i] = model.Vars[i].SolutionValue();
        Solution = values;
        var value = model.Solver.Objective().Value();
        // Without non-negativity an optimum at the box is not a point of the intruder's programme.
        if (!_nonNegative && values.Any(v => Math.Abs(v) >= _box / 2))
            Solution = null;
        return value;
    }

    private (Solver, Variable[]) Build(string id)
    {
        var solver = Solver.CreateSolver(id) ?? throw new InvalidOperationException($"OR-Tools {id} is not available");
        var vars = new Variable[_unknowns.Length];
        for (var i = 0; i < vars.Length; i++)
            vars[i] = solver.MakeNumVar(_lower[i], _upper[i], "x" + _unknowns[i]);
        foreach (var (list, value) in _equations)
        {
            var constraint = solver.MakeConstraint(value, value);
            foreach (var u in list)
                constraint.SetCoefficient(vars[_index[u]], 1);
        }
        return (solver, vars);
    }

    public void Dispose()
    {
        _glop?.Solver.Dispose();
        _clp?.Solver.Dispose();
    }
}
