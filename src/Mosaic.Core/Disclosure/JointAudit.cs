namespace Mosaic.Core.Disclosure;

/// <summary>
/// The intruder's linear programme over a whole publication: unknowns are the atoms (0 or more when the quantity is
/// non-negative), every published cell of every table is one equation (the sum of its atoms equals its value), and for
/// each suppressed cell of each table the LP gives its smallest and largest value. Atoms are split into independent
/// components (linked through shared equations), one model each (<see cref="IntruderModel"/>: exact bounds, re-solved from scratch and
/// by a second solver when an answer is not optimal, as in <see cref="LinearAudit"/>). As there, a cell whose values at two feasible points (its true value and
/// the LPs' checked solutions, <see cref="FeasiblePoints"/>) already differ by its level needs no LP of its own.
/// </summary>
internal static class JointAudit
{
    /// <summary>A suppressed cell of a member (or, with Member = -1, a small derived cell) whose interval over the publication is narrower than its protection level.</summary>
    public sealed record Finding(int Member, int Cell, int LayerIndex, string Layer, double Min, double Max, double Required);

    /// <param name="members">The tables.</param>
    /// <param name="atoms">Number of atoms.</param>
    /// <param name="derived">Small derived cells (atom lists) whose count (the first layer) must keep an interval of <paramref name="k"/>.</param>
    /// <param name="k">Their protection level.</param>
    /// <param name="passed">
    /// Cells (member, cell; member -1 for a derived cell) already found wide enough, skipped and added to. Suppressing
    /// more only removes equations, so an interval never narrows again: a cell that passed stays passed.
    /// </param>
    /// <param name="known">
    /// When given, only these members' published cells are equations (what the known tables alone give away), and
    /// every cell of the other members is audited, published or not, as it may be suppressed later.
    /// </param>
    /// <param name="already">
    /// Cells (member, cell, layer) whose range is already narrower than their level from the known tables alone
    /// (<paramref name="known"/>), with that range's width: such a cell must keep that width, no less, and one the known
    /// tables pin exactly is not audited.
    /// </param>
    public static (List<Finding> Narrow, int Programmes) Run(IReadOnlyList<PublicationMember> members, int atoms, IReadOnlyList<int[]> derived, int k,
        HashSet<(int Member, int Cell, int Layer)> passed, Func<int, bool>? known = null, IReadOnlyDictionary<(int Member, int Cell, int Layer), double>? already = null)
    {
        var narrow = new List<Finding>();
        var programmes = 0;
        var layerCount = members.Min(m => m.Layers.Count);
        for (var l = 0; l < layerCount; l++)
        {
            using var model = new AtomModel(members, atoms, l, known);
            // The cells to audit in this layer: suppressed cells of every member, then (layer 0) the small derived cells.
            var targets = new List<(int Member, int Cell, double Required, double? Truth)>();
            for (var m = 0; m < members.Count; m++)
            {
                var protection = members[m].Protection;
                var layer = members[m].Layers[l];
                // Asking what the known tables give away: every cell of the others, as it may be suppressed later.
                var everyCell = known?.Invoke(m) == false;
                for (var cell = 0; cell < protection.Status.Length; cell++)
                {
                    // A cell with no atoms holds no unit by the indicators' definitions (children under 5 with a
                    // disability, when the questions are asked from age 5): it is 0 whatever is published, hides
                    // nobody and cannot be widened, so it is not audited (suppressing more could never pass it).
                    if (members[m].CellAtoms[cell].Length == 0)
                        continue;
                    var status = protection.Status[cell];
                    if ((status != CellStatus.Published || everyCell) && !passed.Contains((m, cell, l))
                        && Required(layer.Level(cell, status == CellStatus.Published ? CellStatus.SecondarySuppressed : status), (m, cell, l)) is { } required)
                        targets.Add((m, cell, required, layer.Values[cell]));
                }
            }
            if (l == 0)
            {
                for (var c = 0; c < derived.Count; c++)
                {
                    if (!passed.Contains((-1, c, 0)) && Required(k, (-1, c, 0)) is { } required)
                        targets.Add((-1, c, required, null));
                }
            }
            int[] AtomsOf((int Member, int Cell, double, double?) t) => t.Member < 0 ? derived[t.Cell] : members[t.Member].CellAtoms[t.Cell];
            var points = model.Points([.. targets.Select(AtomsOf)]);
            for (var i = 0; i < targets.Count; i++)
            {
                if (targets[i].Truth is { } truth)
                    points.Observe(i, truth);
            }
            for (var i = 0; i < targets.Count; i++)
            {
                var (m, cell, required, truth) = targets[i];
                var name = members[Math.Max(m, 0)].Layers[l].Name;
                if (!points.Proves(i, required))
                {
                    var (min, max, solved) = Interval(model, points, i, AtomsOf(targets[i]), required, truth, m, cell, name);
                    programmes += solved;
                    var width = max - min;
                    var tolerance = FeasiblePoints.Tolerance(max == double.PositiveInfinity ? min : max);
                    if (width < required - tolerance || (required == 0 && width <= tolerance))
                    {
                        narrow.Add(new Finding(m, cell, l, name, min, max, required));
                        continue;
                    }
                }
                passed.Add((m, cell, l));
            }
        }
        return (narrow, programmes);

        // A cell's level, lowered to the width the known tables already leave it (null: they pin it, nothing to audit).
        double? Required(double level, (int, int, int) cell)
        {
            if (already is null || !already.TryGetValue(cell, out var width) || width >= level)
                return level;
            return width <= FeasiblePoints.Tolerance(level) ? null : width;
        }
    }

    /// <summary>
    /// A cell's interval over the publication: its largest value first, its smallest only when the values seen do not
    /// already span the level. The true value (when known) must lie inside, else the models are solved from scratch.
    /// </summary>
    private static (double Min, double Max, int Solved) Interval(AtomModel model, FeasiblePoints points, int i, int[] atoms, double required,
        double? truth, int member, int cell, string layer)
    {
        var solved = 0;
        for (var attempt = 0; ; attempt++)
        {
            var (max, s1) = model.Bound(atoms, maximize: true);
            solved += s1;
            var min = points.Seen(i).Low;
            if (max != double.PositiveInfinity && !points.Proves(i, required))
            {
                (min, var s2) = model.Bound(atoms, maximize: false);
                solved += s2;
            }
            if (truth is not { } t || Contains(min, max, t))
                return (min, max, solved);
            if (attempt > 0)
                throw new InvalidOperationException($"publication audit: the linear programme puts cell {cell} of table {member + 1} ({layer}) in [{min}, {max}], which excludes its value {t}");
            model.ResetAll();
        }
    }

    private static bool Contains(double min, double max, double value)
    {
        var tolerance = 1e-6 * Math.Max(1, Math.Abs(value));
        return value >= min - tolerance && value <= max + tolerance;
    }

    /// <summary>The equations of every published cell of one layer, split into components of atoms.</summary>
    private sealed class AtomModel : IDisposable
    {
        private readonly int[] _parent;
        private readonly Dictionary<int, List<(int[] Atoms, double Value)>> _equations = [];
        private readonly Dictionary<int, List<int>> _members = [];
        private readonly Dictionary<int, IntruderModel> _models = [];
        private readonly bool _nonNegative;
        private readonly bool _knownFeasible;
        private readonly double _scale;
        private Dictionary<int, int>? _number;
        private FeasiblePoints? _points;

        public AtomModel(IReadOnlyList<PublicationMember> members, int atoms, int layer, Func<int, bool>? known)
        {
            _parent = [.. Enumerable.Range(0, atoms)];
            _nonNegative = members.All(m => m.Layers[layer].NonNegative);
            // The tables are counted from one registry: its atoms satisfy every equation.
            _knownFeasible = members.All(m => m.Layers[layer].HoldsTrueValues);
            _scale = members.Max(m => m.Layers[layer].Values.Select(Math.Abs).DefaultIfEmpty(0).Max());
            var published = new List<(int[] Atoms, double Value)>();
            for (var m = 0; m < members.Count; m++)
            {
                if (known?.Invoke(m) == false)
                    continue;
                var member = members[m];
                var protection = member.Protection;
                var values = member.Layers[layer].Values;
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

        /// <summary>Feasible points for the given cells (atom lists): from now on every checked optimal solution of these models.</summary>
        public FeasiblePoints Points(IReadOnlyList<int[]> cells)
        {
            var number = new Dictionary<int, int>();
            var componentOf = new int[_parent.Length];
            for (var a = 0; a < componentOf.Length; a++)
            {
                var root = Find(a);
                if (!number.TryGetValue(root, out var n))
                    number[root] = n = number.Count;
                componentOf[a] = n;
            }
            _number = number;
            _points = new FeasiblePoints(componentOf, number.Count, [.. cells], new double[cells.Count]);
            return _points;
        }

        /// <summary>The largest (or smallest) sum of the atoms, and the LPs solved for it.</summary>
        public (double Bound, int Solved) Bound(int[] atoms, bool maximize)
        {
            double bound = 0;
            var solved = 0;
            foreach (var group in atoms.GroupBy(Find))
            {
                var model = Model(group.Key);
                var before = model.Solved;
                bound += model.Optimize([.. group], maximize);
                solved += model.Solved - before;
                Record(group.Key, model.Solution);
            }
            return (bound, solved);
        }

        /// <summary>Hands a solution to the feasible points once it is checked against the component's equations and bounds.</summary>
        private void Record(int component, double[]? values)
        {
            if (_points is null || _number is null || values is null)
                return;
            var atoms = _members[component];
            var at = new Dictionary<int, double>(atoms.Count);
            for (var i = 0; i < atoms.Count; i++)
            {
                at[atoms[i]] = values[i];
                if (_nonNegative && values[i] < -1e-7)
                    return;
            }
            foreach (var (list, value) in _equations.GetValueOrDefault(component) ?? [])
            {
                var sum = 0.0;
                foreach (var a in list)
                    sum += at[a];
                if (Math.Abs(sum - value) > 1e-7 * Math.Max(1, Math.Abs(value)))
                    return;
            }
            _points.Record(_number[component], atoms, values);
        }

        public void ResetAll()
        {
            foreach (var model in _models.Values)
                model.Reset();
        }

        private IntruderModel Model(int component)
        {
            if (_models.TryGetValue(component, out var model))
                return model;
            model = new IntruderModel(_members[component], _equations.GetValueOrDefault(component) ?? [], _nonNegative, _scale, _knownFeasible,
                "publication audit");
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

        public void Dispose()
        {
            foreach (var model in _models.Values)
                model.Dispose();
        }
    }
}
