using System.Diagnostics;
using System.Globalization;
using Google.OrTools.LinearSolver;
using Google.OrTools.Sat;
using Constraint = Google.OrTools.LinearSolver.Constraint;
using LinearExpr = Google.OrTools.Sat.LinearExpr;

namespace Mosaic.Core.Disclosure;

/// <summary>
/// The first stage of the optimal method: one valid box (<see cref="HypercubeSearch"/>) per sensitive cell, chosen for
/// all of them jointly by a small integer programme (CP-SAT; SCIP for comparison) that minimises the cells the boxes suppress together, where
/// the fast method chooses one sensitive cell at a time. Each valid box alone keeps every one of its corners' intervals
/// at least as wide as its level under non-negativity, whatever else is suppressed, so any union of valid boxes that
/// covers every sensitive cell is safe (and the audit checks it again).
/// </summary>
/// <remarks>
/// Candidates: per sensitive cell, the valid boxes spanned by its cheapest alternative coordinates (cheapest first, at
/// most <see cref="BoxesPerCell"/>). The programme: a 0/1 variable per box, a variable per other cell (suppressed or not); every sensitive cell lies in a
/// chosen box; at most one box per anchoring cell; a cell is suppressed as soon as a chosen box of an anchor has it as
/// a corner (one row per anchor and cell, which is tighter than one row per box and corner). The cost of a cell is that
/// of the fast method: a fixed cost plus its contributors, so fewer cells always win and fewer hidden persons break ties.
/// </remarks>
internal static class JointBoxes
{
    /// <summary>Boxes tried per sensitive cell (spanned by the cheapest alternatives per dimension).</summary>
    internal const int Budget = 4096;

    /// <summary>Valid boxes kept per sensitive cell, cheapest first.</summary>
    internal const int BoxesPerCell = 400;

    private const double CellCost = 1000;

    /// <summary>What the stage found (null pattern: no solution within the time limit).</summary>
    /// <param name="Pattern">The primaries and the corners of the chosen boxes, or null.</param>
    /// <param name="Boxes">Candidate boxes in the programme.</param>
    /// <param name="Proven">Whether the programme was solved to optimality (over these candidates only).</param>
    /// <param name="Elapsed">Wall-clock time of the stage.</param>
    internal sealed record Result(CellStatus[]? Pattern, int Boxes, bool Proven, TimeSpan Elapsed)
    {
        /// <summary>The candidate boxes (anchor and corners), for the later stages' box swaps.</summary>
        public IReadOnlyList<(int Anchor, int[] Corners)> Candidates { get; init; } = [];
    }

    /// <param name="table">Shape of the table.</param>
    /// <param name="contributors">Contributors per cell.</param>
    /// <param name="status">The primary cells (every other status is ignored).</param>
    /// <param name="layers">The additive quantities and their protection levels.</param>
    /// <param name="limit">Wall-clock limit of the programme's solve.</param>
    /// <param name="start">
    /// A safe pattern to start from (the fast one): when every sensitive cell has a candidate box inside it, those boxes
    /// are the solver's first solution, so the programme's answer is never worse than their union.
    /// </param>
    public static Result Choose(LinkedTable table, long[] contributors, CellStatus[] status, IReadOnlyList<ProtectionLayer> layers, TimeSpan limit,
        CellStatus[]? start = null)
    {
        var clock = Stopwatch.StartNew();
        var primaries = new CellStatus[table.Size];
        var sensitive = new List<int>();
        for (var c = 0; c < table.Size; c++)
        {
            if (status[c] == CellStatus.PrimarySuppressed)
            {
                primaries[c] = CellStatus.PrimarySuppressed;
                sensitive.Add(c);
            }
        }
        if (sensitive.Count == 0)
            return new Result(primaries, 0, true, clock.Elapsed);
        var boxes = Candidates(table, contributors, primaries, layers, sensitive);
        var hint = start is null ? null : Inside(boxes, primaries, sensitive, start);
        if (UseCpSat)
        {
            var (picked, proven) = SolveCpSat(boxes, primaries, sensitive, contributors, limit - clock.Elapsed, hint);
            return new Result(picked is null ? null : Union(primaries, boxes, picked), boxes.Count, proven, clock.Elapsed) { Candidates = boxes };
        }

        using var solver = Solver.CreateSolver("SCIP") ?? throw new InvalidOperationException("OR-Tools SCIP is not available");
        var x = new Variable[boxes.Count];
        for (var b = 0; b < boxes.Count; b++)
            x[b] = solver.MakeBoolVar("x" + b);
        var s = new Dictionary<int, Variable>();
        var objective = solver.Objective();
        var cover = new Dictionary<int, Constraint>();
        foreach (var p in sensitive)
            cover[p] = solver.MakeConstraint(1, double.PositiveInfinity);
        foreach (var group in Enumerable.Range(0, boxes.Count).GroupBy(b => boxes[b].Anchor))
        {
            var one = solver.MakeConstraint(0, 1);
            var rows = new Dictionary<int, Constraint>();
            foreach (var b in group)
            {
                one.SetCoefficient(x[b], 1);
                foreach (var corner in boxes[b].Corners)
                {
                    if (primaries[corner] == CellStatus.PrimarySuppressed)
                    {
                        cover[corner].SetCoefficient(x[b], 1);
                        continue;
                    }
                    if (!s.TryGetValue(corner, out var cell))
                    {
                        cell = s[corner] = solver.MakeNumVar(0, 1, "s" + corner);
                        objective.SetCoefficient(cell, CellCost + Math.Min(contributors[corner], CellCost - 1));
                    }
                    if (!rows.TryGetValue(corner, out var row))
                    {
                        row = rows[corner] = solver.MakeConstraint(double.NegativeInfinity, 0);
                        row.SetCoefficient(cell, -1);
                    }
                    row.SetCoefficient(x[b], 1);
                }
            }
        }
        objective.SetMinimization();
        if (hint is { } chosen)
        {
            var hinted = new List<Variable>();
            var values = new List<double>();
            for (var b = 0; b < boxes.Count; b++)
            {
                hinted.Add(x[b]);
                values.Add(chosen.Contains(b) ? 1 : 0);
            }
            var covered = chosen.SelectMany(b => boxes[b].Corners).ToHashSet();
            foreach (var (cell, variable) in s)
            {
                hinted.Add(variable);
                values.Add(covered.Contains(cell) ? 1 : 0);
            }
            solver.SetHint([.. hinted], [.. values]);
        }
        solver.SetTimeLimit((long)Math.Max(1000, (limit - clock.Elapsed).TotalMilliseconds));
        var result = solver.Solve();
        if (result is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE))
            return new Result(null, boxes.Count, false, clock.Elapsed) { Candidates = boxes };
        var pattern = (CellStatus[])primaries.Clone();
        for (var b = 0; b < boxes.Count; b++)
        {
            if (x[b].SolutionValue() < 0.5)
                continue;
            foreach (var corner in boxes[b].Corners)
            {
                if (pattern[corner] == CellStatus.Published)
                    pattern[corner] = CellStatus.SecondarySuppressed;
            }
        }
        return new Result(pattern, boxes.Count, result == Solver.ResultStatus.OPTIMAL, clock.Elapsed) { Candidates = boxes };
    }

    /// <summary>More CP-SAT parameters, in its text format (the benchmark's experiments; empty by default).</summary>
    internal static string CpSatParameters { get; set; } = "";

    /// <summary>Whether the programme is solved by CP-SAT (else SCIP).</summary>
    internal static bool UseCpSat { get; set; } = true;

    private static CellStatus[] Union(CellStatus[] primaries, List<(int Anchor, int[] Corners)> boxes, IEnumerable<int> picked)
    {
        var pattern = (CellStatus[])primaries.Clone();
        foreach (var b in picked)
        {
            foreach (var corner in boxes[b].Corners)
            {
                if (pattern[corner] == CellStatus.Published)
                    pattern[corner] = CellStatus.SecondarySuppressed;
            }
        }
        return pattern;
    }

    /// <summary>The same programme for CP-SAT (its own search and LP relaxation); the chosen boxes, or null without a solution.</summary>
    private static (List<int>? Picked, bool Proven) SolveCpSat(List<(int Anchor, int[] Corners)> boxes, CellStatus[] primaries, List<int> sensitive,
        long[] contributors, TimeSpan limit, HashSet<int>? hint)
    {
        var model = new CpModel();
        var x = new BoolVar[boxes.Count];
        for (var b = 0; b < boxes.Count; b++)
            x[b] = model.NewBoolVar("x" + b);
        var s = new Dictionary<int, BoolVar>();
        var covering = sensitive.ToDictionary(p => p, _ => new List<ILiteral>());
        var cells = new List<BoolVar>();
        var weights = new List<long>();
        foreach (var group in Enumerable.Range(0, boxes.Count).GroupBy(b => boxes[b].Anchor))
        {
            model.AddAtMostOne(group.Select(b => (ILiteral)x[b]));
            var rows = new Dictionary<int, List<IntVar>>();
            foreach (var b in group)
            {
                foreach (var corner in boxes[b].Corners)
                {
                    if (primaries[corner] == CellStatus.PrimarySuppressed)
                    {
                        covering[corner].Add(x[b]);
                        continue;
                    }
                    if (!s.TryGetValue(corner, out var cell))
                    {
                        cell = s[corner] = model.NewBoolVar("s" + corner);
                        cells.Add(cell);
                        weights.Add((long)CellCost + Math.Min(contributors[corner], (long)CellCost - 1));
                    }
                    if (!rows.TryGetValue(corner, out var row))
                        row = rows[corner] = [];
                    row.Add(x[b]);
                }
            }
            // One row per anchor and cell: at most one of the anchor's boxes is chosen, so their sum is at most s.
            foreach (var (corner, row) in rows)
                model.Add(LinearExpr.Sum(row) <= s[corner]);
        }
        foreach (var (_, literals) in covering)
            model.AddBoolOr(literals);
        model.Minimize(LinearExpr.WeightedSum(cells, weights));
        if (hint is not null)
        {
            var covered = hint.SelectMany(b => boxes[b].Corners).ToHashSet();
            for (var b = 0; b < boxes.Count; b++)
                model.AddHint(x[b], hint.Contains(b) ? 1 : 0);
            foreach (var (corner, cell) in s)
                model.AddHint(cell, covered.Contains(corner) ? 1 : 0);
        }
        var solver = new CpSolver
        {
            StringParameters = string.Create(CultureInfo.InvariantCulture, $"max_time_in_seconds:{Math.Max(1, limit.TotalSeconds):F1} num_workers:2 random_seed:1 {CpSatParameters}"),
        };
        var status = solver.Solve(model);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
            return (null, false);
        return ([.. Enumerable.Range(0, boxes.Count).Where(b => solver.BooleanValue(x[b]))], status == CpSolverStatus.Optimal);
    }

    /// <summary>
    /// One candidate box per anchor, cheapest first, made only of cells suppressed in <paramref name="start"/>, until every
    /// sensitive cell lies in one; null when some sensitive cell has none.
    /// </summary>
    private static HashSet<int>? Inside(List<(int Anchor, int[] Corners)> boxes, CellStatus[] primaries, List<int> sensitive, CellStatus[] start)
    {
        var chosen = new HashSet<int>();
        var covered = new HashSet<int>();
        var byAnchor = Enumerable.Range(0, boxes.Count).ToLookup(b => boxes[b].Anchor);
        foreach (var p in sensitive)
        {
            if (covered.Contains(p))
                continue;
            var box = byAnchor[p].FirstOrDefault(b => boxes[b].Corners.All(c => start[c] != CellStatus.Published), -1);
            if (box < 0)
                return null;
            chosen.Add(box);
            foreach (var c in boxes[box].Corners)
            {
                if (primaries[c] == CellStatus.PrimarySuppressed)
                    covered.Add(c);
            }
        }
        return chosen;
    }

    /// <summary>
    /// Per sensitive cell, its cheapest valid boxes with only the sensitive cells suppressed. A box with several
    /// sensitive corners is listed under each that meets it: then at most one box per anchor loses nothing when every
    /// valid box is enumerated (in a smallest cover every box has a sensitive cell that only it covers, its anchor).
    /// </summary>
    internal static List<(int Anchor, int[] Corners)> Candidates(LinkedTable table, long[] contributors, CellStatus[] status,
        IReadOnlyList<ProtectionLayer> layers)
    {
        var primaries = new CellStatus[table.Size];
        for (var c = 0; c < table.Size; c++)
        {
            if (status[c] == CellStatus.PrimarySuppressed)
                primaries[c] = CellStatus.PrimarySuppressed;
        }
        return Candidates(table, contributors, primaries, layers, [.. Enumerable.Range(0, table.Size).Where(c => status[c] == CellStatus.PrimarySuppressed)]);
    }

    private static List<(int Anchor, int[] Corners)> Candidates(LinkedTable table, long[] contributors, CellStatus[] primaries,
        IReadOnlyList<ProtectionLayer> layers, List<int> sensitive)
    {
        var search = new HypercubeSearch(table, contributors, (CellStatus[])primaries.Clone(), layers);
        var boxes = new List<(int, int[])>();
        foreach (var p in sensitive)
        {
            foreach (var box in search.Boxes(p, Budget, BoxesPerCell))
                boxes.Add((p, box));
        }
        return boxes;
    }
}
