namespace Mosaic.Core.Disclosure;

/// <summary>
/// The built-in audit: the intruder's linear programme, solved with OR-Tools GLOP. Unknowns are the suppressed inner
/// cells (0 or more when the layer is non-negative); every published total is one equation (its value minus its
/// published inner cells). Every suppressed cell must keep an interval at least as wide as its protection level.
/// Proof of that comes from feasible points (<see cref="FeasiblePoints"/>: the true table and every solution the LPs
/// return): a cell whose values at two feasible points already differ by its level needs no LP; for the others the LP
/// gives its largest value, and its smallest when still needed. So the intervals of the cells that fail are exact,
/// and every cell passed is passed by feasible solutions of the same programme. Unknowns are split into independent components (linked only through shared equations) so each LP stays small, and each
/// component's solver is reused across objectives (GLOP re-optimises from the previous basis).
/// Uses only the published values of a layer, so it audits a file read back as well as a table about to leave.
/// </summary>
internal static class LinearAudit
{
    /// <param name="table">Shape of the table.</param>
    /// <param name="status">Per cell, published or suppressed.</param>
    /// <param name="layers">The additive quantities and their protection levels.</param>
    /// <param name="provenByBox">
    /// Inside Mosaic, where the true values are known: whether a cell has a valid box of suppressed cells
    /// (<see cref="HypercubeSearch.HasSuppressedValidBox"/>), a proof for every layer that needs no LP.
    /// </param>
    /// <param name="firstNarrow">
    /// Stop at the first cell found too narrow (the report then lists only that one): for searches that only need to
    /// know whether a pattern passes.
    /// </param>
    public static AuditReport Run(LinkedTable table, CellStatus[] status, IReadOnlyList<ProtectionLayer> layers, Func<int, bool>? provenByBox = null,
        bool firstNarrow = false)
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
        var byBox = suppressed.Select(c => provenByBox?.Invoke(c) ?? false).ToArray();
        var boxes = byBox.Count(b => b);
        var system = new SuppressedSystem(table, status);
        foreach (var layer in layers)
        {
            using var components = new ComponentSolvers(system, layer);
            var points = components.Points(suppressed);
            for (var k = 0; k < suppressed.Count; k++)
            {
                var cell = suppressed[k];
                var required = layer.Level(cell, status[cell]);
                checkedCells++;
                if (byBox[k])
                    continue;
                if (!points.Proves(k, required))
                {
                    var (min, max, solved) = Interval(components, points, k, cell, required, layer);
                    programmes += solved;
                    var width = max - min;
                    var tolerance = FeasiblePoints.Tolerance(max == double.PositiveInfinity ? min : max);
                    if (width < required - tolerance || (required == 0 && width <= tolerance))
                    {
                        findings.Add(new AuditFinding(cell, layer.Name, min, max, required));
                        if (firstNarrow)
                            return new AuditReport(checkedCells, programmes, findings, narrowest) { ProvenByBox = boxes };
                    }
                }
                if (required > 0)
                {
                    var (low, high) = points.Seen(k);
                    narrowest = Math.Min(narrowest, (high - low) / required);
                }
            }
        }
        return new AuditReport(checkedCells, programmes, findings, narrowest) { ProvenByBox = boxes };
    }

    /// <summary>
    /// The cell's interval by LP: its largest value first; when that, with the values seen at other feasible points,
    /// already spans the protection level, the smallest is not needed (the interval returned is then the inner bound
    /// seen, wide enough). The true value must lie inside, else the models are solved again from scratch.
    /// </summary>
    private static (double Min, double Max, int Solved) Interval(ComponentSolvers components, FeasiblePoints points, int k, int cell,
        double required, ProtectionLayer layer)
    {
        var solved = 0;
        for (var attempt = 0; ; attempt++)
        {
            var (max, s1) = components.Bound(cell, maximize: true);
            solved += s1;
            if (max == double.PositiveInfinity || points.Proves(k, required))
            {
                if (!layer.HoldsTrueValues || Contains(double.NegativeInfinity, max, layer.Values[cell]))
                    return (points.Seen(k).Low, max, solved);
            }
            else
            {
                var (min, s2) = components.Bound(cell, maximize: false);
                solved += s2;
                if (!layer.HoldsTrueValues || Contains(min, max, layer.Values[cell]))
                    return (min, max, solved);
                if (attempt > 0)
                    throw new InvalidOperationException($"disclosure audit: the linear programme puts cell {cell} ({layer.Name}) in [{min}, {max}], which excludes its value {layer.Values[cell]}");
            }
            if (attempt > 0)
                throw new InvalidOperationException($"disclosure audit: the linear programme puts cell {cell} ({layer.Name}) at most at {max}, below its value {layer.Values[cell]}");
            // The true value is always feasible: an interval without it is a solver failure, not a finding.
            components.ResetAll();
        }
    }

    private static bool Contains(double min, double max, double value)
    {
        var tolerance = 1e-6 * Math.Max(1, Math.Abs(value));
        return value >= min - tolerance && value <= max + tolerance;
    }

    /// <summary>One model per component of the layer's system, built lazily (<see cref="IntruderModel"/>).</summary>
    internal sealed class ComponentSolvers(SuppressedSystem system, ProtectionLayer layer) : IDisposable
    {
        private readonly Dictionary<int, IntruderModel> _models = [];
        private readonly double[] _published = system.PublishedSums(layer.Values);
        private readonly double _scale = layer.Values.Length == 0 ? 0 : layer.Values.Max(Math.Abs);
        private readonly Dictionary<int, (int Index, int[] Unknowns)> _dense = [];
        private FeasiblePoints? _points;

        /// <summary>
        /// Feasible points of this layer's programme for the given cells: the true table (when the layer holds true
        /// values) and, from now on, every optimal solution of these models.
        /// </summary>
        public FeasiblePoints Points(IReadOnlyList<int> cells)
        {
            var dense = new Dictionary<int, int>();
            var componentOf = new List<int>();
            var number = 0;
            foreach (var component in system.Components)
            {
                var members = system.Members(component);
                var unknowns = new int[members.Count];
                for (var i = 0; i < members.Count; i++)
                {
                    unknowns[i] = dense[members[i]] = dense.Count;
                    componentOf.Add(number);
                }
                _dense[component] = (number++, unknowns);
            }
            var cellUnknowns = new int[cells.Count][];
            var constant = new double[cells.Count];
            for (var k = 0; k < cells.Count; k++)
            {
                cellUnknowns[k] = [.. system.UnknownInner(cells[k]).Select(u => dense[u])];
                constant[k] = _published[cells[k]];
            }
            _points = new FeasiblePoints([.. componentOf], number, cellUnknowns, constant);
            if (layer.HoldsTrueValues)
            {
                foreach (var component in system.Components)
                {
                    var (index, unknowns) = _dense[component];
                    _points.Record(index, unknowns, [.. system.Members(component).Select(u => layer.Values[u])]);
                }
            }
            return _points;
        }

        /// <summary>The largest (or smallest) value of one cell given the published cells, and the LPs solved for it.</summary>
        public (double Bound, int Solved) Bound(int cell, bool maximize)
        {
            var bound = _published[cell];
            var solved = 0;
            foreach (var (component, unknowns) in system.UnknownsByComponent(cell))
            {
                var model = Model(component);
                var before = model.Solved;
                bound += model.Optimize(unknowns, maximize);
                solved += model.Solved - before;
                RecordSolution(component, model.Solution);
            }
            return (bound, solved);
        }

        /// <summary>Hands the solution to <see cref="Points"/> once it is checked to satisfy every equation and bound.</summary>
        private void RecordSolution(int component, double[]? values)
        {
            if (_points is null || values is null)
                return;
            var members = system.Members(component);
            var at = new Dictionary<int, double>(members.Count);
            for (var i = 0; i < members.Count; i++)
            {
                at[members[i]] = values[i];
                if (layer.NonNegative && values[i] < -1e-7)
                {
                    RejectedPoints++;
                    return;
                }
            }
            foreach (var total in system.Equations(component))
            {
                var rhs = layer.Values[total] - _published[total];
                var sum = 0.0;
                foreach (var u in system.UnknownInner(total))
                    sum += at[u];
                if (Math.Abs(sum - rhs) > 1e-7 * Math.Max(1, Math.Abs(rhs)))
                {
                    RejectedPoints++;
                    return;
                }
            }
            var (index, unknowns) = _dense[component];
            _points.Record(index, unknowns, values);
        }

        /// <summary>Optimal solutions not used as feasible points because they miss an equation or a bound by more than the tolerance.</summary>
        public int RejectedPoints { get; private set; }

        /// <summary>Re-solves that had to start from scratch because the warm re-solve was not optimal.</summary>
        public int ColdSolves => _models.Values.Sum(m => m.ColdSolves);

        /// <summary>Solves that GLOP failed even from scratch and CLP answered.</summary>
        public int FallbackSolves => _models.Values.Sum(m => m.FallbackSolves);

        /// <summary>Forgets every model's basis: the next intervals are solved from scratch.</summary>
        public void ResetAll()
        {
            foreach (var model in _models.Values)
                model.Reset();
        }

        private IntruderModel Model(int component)
        {
            if (_models.TryGetValue(component, out var model))
                return model;
            var equations = system.Equations(component)
                .Select(total => (Unknowns: system.UnknownInner(total).ToArray(), Value: layer.Values[total] - _published[total]));
            model = new IntruderModel(system.Members(component), equations, layer.NonNegative, _scale, layer.HoldsTrueValues, "disclosure audit");
            _models[component] = model;
            return model;
        }

        public void Dispose()
        {
            foreach (var model in _models.Values)
                model.Dispose();
        }
    }
}
