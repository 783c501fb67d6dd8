using System.Diagnostics;
using System.Globalization;
using Google.OrTools.LinearSolver;

namespace Mosaic.Core.Disclosure;

/// <summary>
/// A large-neighbourhood search of the optimal method: the cutting-plane programme of <see cref="OptimalSuppression"/>
/// solved to optimality over one part of the table at a time (a neighbourhood: the cells of two slabs of one dimension,
/// e.g. two villages, or of one slab), every other cell fixed as the current safe pattern has it. Each solution is
/// audited; the narrow cells give cuts (valid for every safe pattern, so they are kept for the later neighbourhoods and
/// the final programme) and the part is solved again, until its solution passes the audit — then it is the fewest cells
/// any safe pattern can have with the rest of the table as it is. The current pattern is always a solution (every cut
/// holds for it), so a neighbourhood never makes the pattern worse; a small preference for the current cells makes the
/// solver return it when nothing in the part is better. No time limit decides the result (each programme is solved to
/// the end; the wall-clock cap only guards against a pathological table), so the same table gives the same pattern on
/// every run.
/// </summary>
internal static class NeighbourhoodSearch
{
    /// <summary>Solve–audit–cut rounds per neighbourhood at most (a neighbourhood that needs more is left as it is).</summary>
    internal static int MaximumRounds { get; set; } = 25;

    /// <summary>
    /// Solves in all at most: the search's work budget (a count, so the same on a loaded machine as on a quiet one).
    /// On the guide's table the best pattern came after about 130 solves.
    /// </summary>
    internal static int MaximumSolves { get; set; } = 200;

    /// <summary>Narrow cells cut per round at most (the first the audit reports): more only slow the solves down.</summary>
    internal static int CutsPerRound { get; set; } = 30;

    /// <summary>Branch-and-bound nodes per solve at most (SCIP's <c>limits/totalnodes</c>): the best solution found by then is audited.</summary>
    internal static long NodeLimit { get; set; } = 2000;

    /// <summary>More SCIP parameters, in its settings format (the benchmark's experiments).</summary>
    internal static string ScipParameters { get; set; } = DefaultScipParameters;

    /// <summary>
    /// No cutting-plane separation by SCIP itself: the parts are small and their rows dense, and separation took about
    /// two thirds of each solve on the guide's table without making the search find better patterns.
    /// </summary>
    internal const string DefaultScipParameters = "separating/maxrounds = 0\nseparating/maxroundsroot = 0\n";

    /// <summary>What the search did.</summary>
    /// <param name="Neighbourhoods">Neighbourhoods solved.</param>
    /// <param name="Improved">Neighbourhoods that gave a pattern with fewer cells.</param>
    /// <param name="Solves">Mixed-integer solves.</param>
    /// <param name="Cuts">Cuts added.</param>
    internal sealed record Result(int Neighbourhoods, int Improved, int Solves, int Cuts);

    /// <param name="table">Shape of the table.</param>
    /// <param name="contributors">Contributors per cell.</param>
    /// <param name="status">In: a safe pattern. Out: a safe pattern with no more cells.</param>
    /// <param name="layers">The additive quantities and their protection levels.</param>
    /// <param name="pool">The cuts so far (coefficients per cell, sum ≥ −<see cref="OptimalSuppression.Slack"/>); the new ones are added.</param>
    /// <param name="attackers">The attacker programmes per layer (created when needed).</param>
    /// <param name="passes">Passes over every neighbourhood at most (the search also ends after a pass without a better pattern).</param>
    /// <param name="cap">Wall-clock safety cap.</param>
    /// <param name="log">Progress (null: silent).</param>
    public static Result Run(LinkedTable table, long[] contributors, CellStatus[] status, IReadOnlyList<ProtectionLayer> layers,
        List<double[]> pool, ProtectionCuts?[] attackers, int passes, TimeSpan cap, Action<string>? log = null)
    {
        var clock = Stopwatch.StartNew();
        var neighbourhoods = Neighbourhoods(table);
        var lines = Lines(table);
        var count = OptimalSuppression.Suppressed(status);
        var done = 0;
        var improved = 0;
        var solves = 0;
        var cuts = 0;
        var solveClock = new Stopwatch();
        var auditClock = new Stopwatch();
        var cutClock = new Stopwatch();
        long nodes = 0;
        long maxNodes = 0;
        for (var pass = 0; pass < passes && clock.Elapsed < cap; pass++)
        {
            var before = count;
            foreach (var part in neighbourhoods)
            {
                if (clock.Elapsed >= cap || solves >= MaximumSolves)
                    break;
                if (!part.Any(c => status[c] == CellStatus.SecondarySuppressed))
                    continue;
                done++;
                using var model = new PartModel(status, part);
                foreach (var line in lines)
                    model.Add(line.Cells, line.Coefficients);
                foreach (var row in pool)
                    model.Add(row);
                var partStart = clock.Elapsed;
                var partSolves = solves;
                for (var round = 0; round < MaximumRounds && solves < MaximumSolves && clock.Elapsed < cap; round++)
                {
                    solveClock.Start();
                    var candidate = model.Solve(cap - clock.Elapsed);
                    solveClock.Stop();
                    solves++;
                    nodes += model.Nodes;
                    maxNodes = Math.Max(maxNodes, model.Nodes);
                    if (candidate is null || OptimalSuppression.Suppressed(candidate) >= count)
                        break;
                    auditClock.Start();
                    var audit = OptimalSuppression.Audit(table, contributors, candidate, layers);
                    auditClock.Stop();
                    if (audit is { Passed: true })
                    {
                        candidate.CopyTo(status, 0);
                        count = OptimalSuppression.Suppressed(candidate);
                        improved++;
                        log?.Invoke($"neighbourhood {done} (pass {pass + 1}): {count} cells after {round + 1} solves ({nodes} nodes so far, at most {maxNodes}), {clock.Elapsed.TotalSeconds:F1} s (solves {solveClock.Elapsed.TotalSeconds:F1} s, audits {auditClock.Elapsed.TotalSeconds:F1} s, cuts {cutClock.Elapsed.TotalSeconds:F1} s)");
                        break;
                    }
                    var values = candidate.Select(x => x == CellStatus.Published ? 0.0 : 1.0).ToArray();
                    var narrow = audit is not null
                        ? audit.Narrow.Select(f => (f.Cell, Layer: LayerIndex(layers, f.Layer))).Distinct().Take(CutsPerRound).ToList()
                        : [.. Enumerable.Range(0, table.Size).Where(c => candidate[c] != CellStatus.Published)
                            .SelectMany(c => Enumerable.Range(0, layers.Count).Select(l => (Cell: c, Layer: l))).Take(CutsPerRound)];
                    var added = 0;
                    cutClock.Start();
                    foreach (var (cell, l) in narrow)
                    {
                        var attacker = attackers[l] ??= new ProtectionCuts(table, layers[l]);
                        try
                        {
                            if (OptimalSuppression.CutRow(attacker, cell, layers[l].Level(cell, candidate[cell]), values) is { } row)
                            {
                                pool.Add(row);
                                model.Add(row);
                                added++;
                            }
                        }
                        catch (InvalidOperationException)
                        {
                            // GLOP failed on this attacker programme even from scratch: no cut from it.
                        }
                    }
                    cutClock.Stop();
                    cuts += added;
                    if (added == 0)
                        break;
                }
                log?.Invoke($"  part {done}: {solves - partSolves} solves, {count} cells, {(clock.Elapsed - partStart).TotalSeconds:F1} s, pool {pool.Count}");
            }
            log?.Invoke($"neighbourhoods, pass {pass + 1}: {before} -> {count} cells, {solves} solves ({nodes} nodes, at most {maxNodes}), {cuts} cuts, {clock.Elapsed.TotalSeconds:F1} s (solves {solveClock.Elapsed.TotalSeconds:F1} s, audits {auditClock.Elapsed.TotalSeconds:F1} s, cuts {cutClock.Elapsed.TotalSeconds:F1} s)");
            if (count == before || solves >= MaximumSolves)
                break;
        }
        return new Result(done, improved, solves, cuts);
    }

    /// <summary>The line constraints (a suppressed cell needs another suppressed cell on each of its lines), sparse.</summary>
    private static List<(int[] Cells, double[] Coefficients)> Lines(LinkedTable table)
    {
        var rows = new List<(int[], double[])>();
        var own = new int[table.Dimensions];
        for (var cell = 0; cell < table.Size; cell++)
        {
            table.Coords(cell, own);
            for (var d = 0; d < table.Dimensions; d++)
            {
                var baseIndex = cell - own[d] * table.Strides[d];
                var cells = new int[table.Extents[d]];
                var coefficients = new double[table.Extents[d]];
                for (var j = 0; j < table.Extents[d]; j++)
                {
                    cells[j] = baseIndex + j * table.Strides[d];
                    coefficients[j] = j == own[d] ? -1 : 1;
                }
                rows.Add((cells, coefficients));
            }
        }
        return rows;
    }

    /// <summary>
    /// The programme of one part: a 0/1 variable per free cell (the part's cells that are not sensitive), every other
    /// cell a constant as the pattern has it; each row (sum of coefficient × s ≥ −slack) enters with its constant part
    /// moved to the right and only when the free cells can violate it.
    /// </summary>
    private sealed class PartModel : IDisposable
    {
        private readonly CellStatus[] _pattern;
        private readonly Solver _solver;
        private readonly Dictionary<int, Variable> _free = [];
        private readonly int[] _cells;

        public PartModel(CellStatus[] pattern, int[] part)
        {
            _pattern = pattern;
            _solver = Solver.CreateSolver("SCIP") ?? throw new InvalidOperationException("OR-Tools SCIP is not available");
            _cells = [.. part.Where(c => pattern[c] != CellStatus.PrimarySuppressed).Order()];
            var objective = _solver.Objective();
            // A preference (far below one cell) for the cells the pattern has: nothing better in the part returns the pattern.
            var preference = 1.0 / (pattern.Length + 1);
            foreach (var c in _cells)
            {
                var x = _free[c] = _solver.MakeBoolVar("s" + c);
                objective.SetCoefficient(x, 1 - (pattern[c] != CellStatus.Published ? preference : 0));
            }
            objective.SetMinimization();
        }

        /// <summary>Adds a dense row.</summary>
        public void Add(double[] row)
        {
            var constant = 0.0;
            var low = 0.0;
            var terms = new List<(Variable, double)>();
            for (var c = 0; c < row.Length; c++)
            {
                var a = row[c];
                if (Math.Abs(a) <= 1e-9)
                    continue;
                if (_free.TryGetValue(c, out var x))
                {
                    terms.Add((x, a));
                    low += Math.Min(a, 0);
                }
                else if (_pattern[c] != CellStatus.Published)
                {
                    constant += a;
                }
            }
            Add(terms, -OptimalSuppression.Slack - constant, low);
        }

        /// <summary>Adds a sparse row (sum ≥ 0).</summary>
        public void Add(int[] cells, double[] coefficients)
        {
            var constant = 0.0;
            var low = 0.0;
            var terms = new List<(Variable, double)>();
            for (var k = 0; k < cells.Length; k++)
            {
                if (_free.TryGetValue(cells[k], out var x))
                {
                    terms.Add((x, coefficients[k]));
                    low += Math.Min(coefficients[k], 0);
                }
                else if (_pattern[cells[k]] != CellStatus.Published)
                {
                    constant += coefficients[k];
                }
            }
            Add(terms, -constant, low);
        }

        private void Add(List<(Variable X, double A)> terms, double rhs, double low)
        {
            // Redundant when even the free cells' worst choice satisfies it (every row holds for the pattern itself).
            if (terms.Count == 0 || low >= rhs)
                return;
            var constraint = _solver.MakeConstraint(rhs, double.PositiveInfinity);
            foreach (var (x, a) in terms)
                constraint.SetCoefficient(x, a);
        }

        /// <summary>The part's best pattern (the rest as it is), or null when the solve did not end optimal.</summary>
        public CellStatus[]? Solve(TimeSpan limit)
        {
            _solver.SetTimeLimit((long)Math.Max(1000, limit.TotalMilliseconds));
            // A node limit, not only the clock, ends a hard part: the same work, and so the same answer, on every machine.
            _solver.SetSolverSpecificParametersAsString(string.Create(CultureInfo.InvariantCulture, $"limits/totalnodes = {NodeLimit}\n{ScipParameters}"));
            _solver.SetHint([.. _cells.Select(c => _free[c])], [.. _cells.Select(c => _pattern[c] == CellStatus.Published ? 0.0 : 1.0)]);
            var result = _solver.Solve();
            Nodes = _solver.Nodes();
            if (result is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE))
                return null;
            var candidate = (CellStatus[])_pattern.Clone();
            foreach (var c in _cells)
                candidate[c] = _free[c].SolutionValue() > 0.5 ? CellStatus.SecondarySuppressed : CellStatus.Published;
            return candidate;
        }

        /// <summary>Branch-and-bound nodes of the last solve.</summary>
        public long Nodes { get; private set; }

        public void Dispose() => _solver.Dispose();
    }

    /// <summary>
    /// The parts of the table, in a fixed order: for each dimension, each pair of its slabs (all cells at two of its
    /// coordinates, totals included), then each single slab of dimensions with too many pairs.
    /// </summary>
    internal static List<int[]> Neighbourhoods(LinkedTable table)
    {
        var parts = new List<int[]>();
        var own = new int[table.Dimensions];
        for (var d = 0; d < table.Dimensions; d++)
        {
            var slabs = new List<int>[table.Extents[d]];
            for (var j = 0; j < slabs.Length; j++)
                slabs[j] = [];
            for (var c = 0; c < table.Size; c++)
            {
                table.Coords(c, own);
                slabs[own[d]].Add(c);
            }
            // Pairs of slabs while a pair stays small; else the slabs one at a time.
            if (2 * table.Size / table.Extents[d] <= MaximumPart)
            {
                for (var a = 0; a < slabs.Length; a++)
                {
                    for (var b = a + 1; b < slabs.Length; b++)
                        parts.Add([.. slabs[a], .. slabs[b]]);
                }
            }
            else if (table.Size / table.Extents[d] <= MaximumPart)
            {
                parts.AddRange(slabs.Select(x => x.ToArray()));
            }
        }
        return parts;
    }

    /// <summary>Free cells of a neighbourhood at most.</summary>
    internal const int MaximumPart = 320;

    private static int LayerIndex(IReadOnlyList<ProtectionLayer> layers, string name)
    {
        for (var l = 0; l < layers.Count; l++)
        {
            if (layers[l].Name == name)
                return l;
        }
        throw new InvalidOperationException($"optimal suppression: no layer {name}");
    }
}
