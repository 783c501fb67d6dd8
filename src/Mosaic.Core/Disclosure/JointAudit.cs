using Google.OrTools.LinearSolver;

namespace Mosaic.Core.Disclosure;

/// <summary>
/// The intruder's linear programme over a whole publication: unknowns are the atoms (0 or more when the quantity is
/// non-negative), every published cell of every table is one equation (the sum of its atoms equals its value), and for
/// each suppressed cell of each table the LP gives its smallest and largest value. Atoms are split into independent
/// components (linked through shared equations), one GLOP model each, re-solved from scratch when a warm answer is not
/// optimal (as in <see cref="LinearAudit"/>).
/// </summary>
internal static class JointAudit
{
    /// <summary>A suppressed cell of a member (or, with Member = -1, a small derived cell) whose interval over the publication is narrower than its protection level.</summary>
    public sealed record Finding(int Member, int Cell, string Layer, double Min, double Max, double Required);

    /// <param name="members">The tables.</param>
    /// <param name="atoms">Number of atoms.</param>
    /// <param name="derived">Small derived cells (atom lists) whose count (the first layer) must keep an interval of <paramref name="k"/>.</param>
    /// <param name="k">Their protection level.</param>
    /// <param name="passed">
    /// Cells (member, cell; member -1 for a derived cell) already found wide enough, skipped and added to. Suppressing
    /// more only removes equations, so an interval never narrows again: a cell that passed stays passed.
    /// </param>
    public static (List<Finding> Narrow, int Programmes) Run(IReadOnlyList<PublicationMember> members, int atoms, IReadOnlyList<int[]> derived, int k,
        HashSet<(int Member, int Cell, int Layer)> passed)
    {
        var narrow = new List<Finding>();
        var programmes = 0;
        var layerCount = members.Min(m => m.Protection.Layers.Count);
        for (var l = 0; l < layerCount; l++)
        {
            using var model = new AtomModel(members, atoms, l);
            for (var m = 0; m < members.Count; m++)
            {
                var protection = members[m].Protection;
                var layer = protection.Layers[l];
                for (var cell = 0; cell < protection.Status.Length; cell++)
                {
                    var status = protection.Status[cell];
                    if (status == CellStatus.Published || passed.Contains((m, cell, l)))
                        continue;
                    var (min, max, solved) = model.Interval(members[m].CellAtoms[cell]);
                    programmes += solved;
                    if (!Contains(min, max, layer.Values[cell]))
                    {
                        model.ResetAll();
                        (min, max, solved) = model.Interval(members[m].CellAtoms[cell]);
                        programmes += solved;
                        if (!Contains(min, max, layer.Values[cell]))
                            throw new InvalidOperationException($"publication audit: the linear programme puts cell {cell} of table {m + 1} ({layer.Name}) in [{min}, {max}], which excludes its value {layer.Values[cell]}");
                    }
                    var required = layer.Level(cell, status);
                    var width = max - min;
                    var tolerance = 1e-7 * Math.Max(1, Math.Abs(max == double.PositiveInfinity ? min : max));
                    if (width < required - tolerance || (required == 0 && width <= tolerance))
                        narrow.Add(new Finding(m, cell, layer.Name, min, max, required));
                    else
                        passed.Add((m, cell, l));
                }
            }
            if (l != 0)
                continue;
            for (var c = 0; c < derived.Count; c++)
            {
                if (passed.Contains((-1, c, 0)))
                    continue;
                var (min, max, solved) = model.Interval(derived[c]);
                programmes += solved;
                if (max - min < k - 1e-7 * Math.Max(1, Math.Abs(max == double.PositiveInfinity ? min : max)))
                    narrow.Add(new Finding(-1, c, members[0].Protection.Layers[0].Name, min, max, k));
                else
                    passed.Add((-1, c, 0));
            }
        }
        return (narrow, programmes);
    }

    private static bool Contains(double min, double max, double value)
    {
        var tolerance = 1e-6 * Math.Max(1, Math.Abs(value));
        return value >= min - tolerance && value <= max + tolerance;
    }

    /// <summary>The equations of every published cell of one layer, split into components of atoms.</summary>
    private sealed class AtomModel : IDisposable
    {
        private static readonly MPSolverParameters s_fromScratch = FromScratch();
        private readonly int[] _parent;
        private readonly Dictionary<int, List<(int[] Atoms, double Value)>> _equations = [];
        private readonly Dictionary<int, List<int>> _members = [];
        private readonly Dictionary<int, (Solver Solver, Dictionary<int, Variable> Vars)> _models = [];
        private readonly double _lower;
        private readonly double _big;

        public AtomModel(IReadOnlyList<PublicationMember> members, int atoms, int layer)
        {
            _parent = [.. Enumerable.Range(0, atoms)];
            var nonNegative = members.All(m => m.Protection.Layers[layer].NonNegative);
            var scale = members.Max(m => m.Protection.Layers[layer].Values.Sum(Math.Abs));
            _big = 1e3 * (1 + scale);
            _lower = nonNegative ? 0 : -_big;
            var published = new List<(int[] Atoms, double Value)>();
            foreach (var member in members)
            {
                var protection = member.Protection;
                var values = protection.Layers[layer].Values;
                for (var cell = 0; cell < protection.Status.Length; cell++)
                {
                    var list = member.CellAtoms[cell];
                    if (protection.Status[cell] != CellStatus.Published || list.Length == 0)
                        continue;
                    published.Add((list, values[cell]));
                    for (var k = 1; k < list.Length; k++)
                        Union(list[0], list[k]);
                }
            }
            for (var a = 0; a < atoms; a++)
            {
                var root = Find(a);
                if (!_members.TryGetValue(root, out var list))
                    _members[root] = list = [];
                list.Add(a);
            }
            foreach (var equation in published)
            {
                var root = Find(equation.Atoms[0]);
                if (!_equations.TryGetValue(root, out var list))
                    _equations[root] = list = [];
                list.Add(equation);
            }
        }

        public (double Min, double Max, int Solved) Interval(int[] atoms)
        {
            double min = 0, max = 0;
            var solved = 0;
            foreach (var group in atoms.GroupBy(Find))
            {
                var (solver, vars) = Model(group.Key);
                var objective = solver.Objective();
                objective.Clear();
                foreach (var a in group)
                    objective.SetCoefficient(vars[a], 1);
                objective.SetMaximization();
                max += Solve(solver, double.PositiveInfinity);
                objective.SetMinimization();
                min += Solve(solver, double.NegativeInfinity);
                solved += 2;
            }
            return (min, max, solved);
        }

        public void ResetAll()
        {
            foreach (var (solver, _) in _models.Values)
                solver.Reset();
        }

        private double Solve(Solver solver, double unbounded)
        {
            var status = solver.Solve();
            if (status != Solver.ResultStatus.OPTIMAL)
            {
                solver.Reset();
                status = solver.Solve(s_fromScratch);
            }
            if (status != Solver.ResultStatus.OPTIMAL)
                throw new InvalidOperationException($"publication audit: the tables' published cells do not add up together ({status})");
            var value = solver.Objective().Value();
            return Math.Abs(value) >= _big / 2 ? unbounded : value;
        }

        private (Solver, Dictionary<int, Variable>) Model(int component)
        {
            if (_models.TryGetValue(component, out var model))
                return model;
            var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools GLOP is not available");
            var vars = new Dictionary<int, Variable>();
            foreach (var a in _members[component])
                vars[a] = solver.MakeNumVar(_lower, _big, "a" + a);
            foreach (var (atoms, value) in _equations.GetValueOrDefault(component) ?? [])
            {
                var constraint = solver.MakeConstraint(value, value);
                foreach (var a in atoms)
                    constraint.SetCoefficient(vars[a], 1);
            }
            model = (solver, vars);
            _models[component] = model;
            return model;
        }

        private int Find(int x)
        {
            while (_parent[x] != x)
            {
                _parent[x] = _parent[_parent[x]];
                x = _parent[x];
            }
            return x;
        }

        private void Union(int a, int b)
        {
            a = Find(a);
            b = Find(b);
            if (a != b)
                _parent[a] = b;
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
