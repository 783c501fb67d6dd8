using Google.OrTools.LinearSolver;

namespace Mosaic.Core.Disclosure;

/// <summary>
/// The built-in audit: the intruder's linear programme, solved with OR-Tools GLOP. Unknowns are the suppressed inner
/// cells (0 or more when the layer is non-negative); every published total is one equation (its value minus its
/// published inner cells). For each suppressed cell the LP gives its smallest and largest possible value. Unknowns
/// are split into independent components (linked only through shared equations) so each LP stays small, and each
/// component's solver is reused across objectives (GLOP re-optimises from the previous basis).
/// Uses only the published values of a layer, so it audits a file read back as well as a table about to leave.
/// </summary>
internal static class LinearAudit
{
    public static AuditReport Run(LinkedTable table, CellStatus[] status, IReadOnlyList<ProtectionLayer> layers)
    {
        var findings = new List<AuditFinding>();
        var checkedCells = 0;
        var programmes = 0;
        var narrowest = double.PositiveInfinity;
        var suppressed = new List<int>();
        for (var i = 0; i < status.Length; i++)
        {
            if (status[i] != CellStatus.Published)
                suppressed.Add(i);
        }
        if (suppressed.Count == 0)
            return new AuditReport(0, 0, findings, narrowest);
        var system = new SuppressedSystem(table, status);
        foreach (var layer in layers)
        {
            using var components = new ComponentSolvers(system, layer);
            foreach (var cell in suppressed)
            {
                var required = layer.Level(cell, status[cell]);
                var (min, max, solved) = components.Interval(cell);
                programmes += solved;
                if (layer.HoldsTrueValues && !Contains(min, max, layer.Values[cell]))
                {
                    // The true value is always feasible: an interval without it is a solver failure, not a finding.
                    components.ResetAll();
                    (min, max, solved) = components.Interval(cell);
                    programmes += solved;
                    if (!Contains(min, max, layer.Values[cell]))
                        throw new InvalidOperationException($"disclosure audit: the linear programme puts cell {cell} ({layer.Name}) in [{min}, {max}], which excludes its value {layer.Values[cell]}");
                }
                checkedCells++;
                var width = max - min;
                var tolerance = 1e-7 * Math.Max(1, Math.Abs(max == double.PositiveInfinity ? min : max));
                if (required > 0)
                    narrowest = Math.Min(narrowest, width / required);
                if (width < required - tolerance || (required == 0 && width <= tolerance))
                    findings.Add(new AuditFinding(cell, layer.Name, min, max, required));
            }
        }
        return new AuditReport(checkedCells, programmes, findings, narrowest);
    }

    private static bool Contains(double min, double max, double value)
    {
        var tolerance = 1e-6 * Math.Max(1, Math.Abs(value));
        return value >= min - tolerance && value <= max + tolerance;
    }

    /// <summary>One GLOP model per component of the layer's system, built lazily.</summary>
    internal sealed class ComponentSolvers(SuppressedSystem system, ProtectionLayer layer) : IDisposable
    {
        private static readonly MPSolverParameters s_fromScratch = FromScratch();
        private readonly Dictionary<int, (Solver Solver, Dictionary<int, Variable> Vars)> _models = [];
        private readonly double[] _published = system.PublishedSums(layer.Values);
        private readonly double _big = 1e3 * (1 + layer.Values.Sum(Math.Abs));

        public (double Min, double Max, int Solved) Interval(int cell)
        {
            double min = _published[cell], max = _published[cell];
            var solved = 0;
            foreach (var (component, unknowns) in system.UnknownsByComponent(cell))
            {
                var (solver, vars) = Model(component);
                var objective = solver.Objective();
                objective.Clear();
                foreach (var u in unknowns)
                    objective.SetCoefficient(vars[u], 1);
                objective.SetMaximization();
                solved++;
                max += Solve(solver, double.PositiveInfinity);
                objective.SetMinimization();
                solved++;
                min += Solve(solver, double.NegativeInfinity);
            }
            return (min, max, solved);
        }

        /// <summary>The largest (or smallest) value of one cell given the published cells.</summary>
        public double Bound(int cell, bool maximize)
        {
            var bound = _published[cell];
            foreach (var (component, unknowns) in system.UnknownsByComponent(cell))
            {
                var (solver, vars) = Model(component);
                var objective = solver.Objective();
                objective.Clear();
                foreach (var u in unknowns)
                    objective.SetCoefficient(vars[u], 1);
                if (maximize)
                    objective.SetMaximization();
                else
                    objective.SetMinimization();
                bound += Solve(solver, maximize ? double.PositiveInfinity : double.NegativeInfinity);
            }
            return bound;
        }

        /// <summary>
        /// Variables are boxed by ±<see cref="_big"/> (far beyond any value the table allows) so that GLOP never meets
        /// an unbounded programme; a bound that reaches half of it means "unbounded".
        /// GLOP re-optimises from the previous objective's basis, and that re-solve can end INFEASIBLE on a programme
        /// that is feasible (the demo's 2,000-household guide table: the table's own values satisfy every equation, and
        /// a solve from scratch of the same model is optimal). So any answer other than optimal is checked by solving
        /// again from scratch; only a programme that is infeasible from scratch is reported.
        /// </summary>
        private double Solve(Solver solver, double unbounded)
        {
            var status = solver.Solve();
            if (status != Solver.ResultStatus.OPTIMAL)
            {
                ColdSolves++;
                solver.Reset();
                status = solver.Solve(s_fromScratch);
            }
            if (status != Solver.ResultStatus.OPTIMAL)
                throw new InvalidDataException($"the published cells do not add up: the intruder's equations have no solution ({status})");
            var value = solver.Objective().Value();
            return Math.Abs(value) >= _big / 2 ? unbounded : value;
        }

        /// <summary>Re-solves that had to start from scratch because the warm re-solve was not optimal.</summary>
        public int ColdSolves { get; private set; }

        /// <summary>Forgets every model's basis: the next intervals are solved from scratch.</summary>
        public void ResetAll()
        {
            foreach (var (solver, _) in _models.Values)
                solver.Reset();
        }

        private (Solver, Dictionary<int, Variable>) Model(int component)
        {
            if (_models.TryGetValue(component, out var model))
                return model;
            var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools GLOP is not available");
            var vars = new Dictionary<int, Variable>();
            var lower = layer.NonNegative ? 0 : -_big;
            foreach (var u in system.Members(component))
                vars[u] = solver.MakeNumVar(lower, _big, "x" + u);
            foreach (var total in system.Equations(component))
            {
                var rhs = layer.Values[total] - _published[total];
                var constraint = solver.MakeConstraint(rhs, rhs);
                foreach (var u in system.UnknownInner(total))
                    constraint.SetCoefficient(vars[u], 1);
            }
            model = (solver, vars);
            _models[component] = model;
            return model;
        }

        private static MPSolverParameters FromScratch()
        {
            var parameters = new MPSolverParameters();
            parameters.SetIntegerParam(MPSolverParameters.IntegerParam.INCREMENTALITY, (int)MPSolverParameters.IncrementalityValues.INCREMENTALITY_OFF);
            return parameters;
        }

        public void Dispose()
        {
            foreach (var (solver, _) in _models.Values)
                solver.Dispose();
        }
    }
}
