using System.Diagnostics;
using Google.OrTools.LinearSolver;

namespace Mosaic.Core.Disclosure;

/// <summary>
/// The optimal secondary suppression: a mixed-integer programme (OR-Tools with SCIP) over one 0/1 variable per cell —
/// suppressed or not — that minimises the number of suppressed cells, solved by adding constraints as they are needed
/// (the cutting-plane method of Fischetti and Salazar): the sensitive cells fixed, one constraint per line of the table
/// (a suppressed cell needs another suppressed cell on each of its lines), and for every cell of a solution whose
/// audited interval (<see cref="LinearAudit"/>) is too narrow a cut from its attacker programme
/// (<see cref="ProtectionCuts"/>) that every safe pattern satisfies and this one does not. The fast pattern is the
/// starting incumbent. Stages, each keeping the incumbent safe by the full audit and each ended by a work budget (rounds,
/// solves, branch-and-bound nodes), so that the same table gives the same pattern on any machine and under any load:
/// the linear relaxation's rounds (<see cref="RelaxationBound"/>: a lower bound and the first cuts); the neighbourhood
/// search (<see cref="NeighbourhoodSearch"/>: the programme solved over two slabs of the table at a time, the rest
/// fixed); the re-publish pass; then the programme over the whole table for a short time, which raises the lower bound
/// and replaces the pattern only when it ends optimal (the first solution that passes the audit is then optimal). The
/// time limit is a safety cap: when it ends a stage, the report says so. The joint choice of boxes
/// (<see cref="JointBoxes"/>) and the box swaps (<see cref="BoxSwapSearch"/>) remain for the benchmark's comparisons.
/// </summary>
internal static class OptimalSuppression
{
    /// <summary>Slack of the cuts, far below any protection level (dual values come from floating point).</summary>
    internal const double Slack = 1e-6;

    /// <summary>Progress of the search, for the benchmark (null: silent).</summary>
    internal static Action<string>? Log { get; set; }

    /// <summary>Whether the stages run before the cutting planes over the whole table (off: the benchmark's comparison).</summary>
    internal static bool Stages { get; set; } = true;

    /// <summary>Whether the joint choice of boxes by CP-SAT runs first (the benchmark's comparison; its wall-clock limit makes it vary with the load).</summary>
    internal static bool JointStage { get; set; }

    /// <summary>Passes of the neighbourhood search over the table (<see cref="NeighbourhoodSearch"/>; 0: none).</summary>
    internal static int NeighbourhoodPasses { get; set; } = 3;

    /// <summary>Wall-clock cap of the neighbourhood search.</summary>
    /// <summary>
    /// Box swaps tried after the neighbourhood search (<see cref="BoxSwapSearch"/>; 0, the default: none — on the guide's
    /// table 195 tries after the neighbourhoods found no smaller pattern and took 100 s).
    /// </summary>
    internal static int BoxSwapTries { get; set; }

    /// <param name="table">Shape of the table.</param>
    /// <param name="contributors">Contributors per cell.</param>
    /// <param name="status">In: a safe pattern (the fast method's, audited). Out: the best safe pattern found.</param>
    /// <param name="layers">The additive quantities and their protection levels.</param>
    /// <param name="limit">Wall-clock limit of the whole search.</param>
    public static OptimalSearch Run(LinkedTable table, long[] contributors, CellStatus[] status, IReadOnlyList<ProtectionLayer> layers, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var best = (CellStatus[])status.Clone();
        var bestCount = Suppressed(best);
        var primaries = Enumerable.Range(0, table.Size).Where(i => status[i] == CellStatus.PrimarySuppressed).ToList();
        if (primaries.Count == 0)
            return new OptimalSearch(true, bestCount, bestCount, 0, 0, clock.Elapsed);

        using var solver = Solver.CreateSolver("SCIP") ?? throw new InvalidOperationException("OR-Tools SCIP is not available");
        var s = new Variable[table.Size];
        for (var c = 0; c < table.Size; c++)
            s[c] = solver.MakeBoolVar("s" + c);
        foreach (var p in primaries)
            s[p].SetLb(1);
        AddLineConstraints(solver, table, s);
        var objective = solver.Objective();
        foreach (var x in s)
            objective.SetCoefficient(x, 1);
        objective.SetMinimization();

        var attackers = new ProtectionCuts?[layers.Count];
        var lowerBound = primaries.Count;
        var rounds = 0;
        var cuts = 0;
        var proven = false;
        var jointCells = -1;
        var republished = 0;
        var swaps = 0;
        var parts = 0;
        var capped = false;
        try
        {
            // Stage 1: the linear relaxation's rounds (a fixed number): a lower bound in seconds, and the first cuts.
            var relaxation = RelaxationBound.Run(table, primaries, layers, attackers, Share(limit, RelaxationShare) - clock.Elapsed, RelaxationRounds);
            lowerBound = Math.Max(lowerBound, relaxation.Bound);
            Log?.Invoke($"relaxation: {relaxation.Rounds} rounds, {relaxation.Cuts.Count} cuts, lower bound {relaxation.Bound}, {clock.Elapsed.TotalSeconds:F1} s");
            var pool = new List<double[]>(relaxation.Cuts);
            proven = lowerBound >= bestCount;

            // Stage 2 (the benchmark's comparison only): the joint choice of boxes by CP-SAT, re-published, as the start when smaller.
            IReadOnlyList<(int Anchor, int[] Corners)> candidates = [];
            if (!proven && Stages && JointStage)
            {
                var joint = JointBoxes.Choose(table, contributors, status, layers, Share(limit, JointShare) - clock.Elapsed, best);
                candidates = joint.Candidates;
                if (joint.Pattern is { } pattern)
                {
                    PatternCleanup.Run(table, contributors, pattern, layers, new HypercubeSearch(table, contributors, pattern, layers));
                    jointCells = Suppressed(pattern);
                    var passed = Audit(table, contributors, pattern, layers) is { Passed: true };
                    Republish(table, contributors, pattern, layers, limit - clock.Elapsed, mostFirst: false);
                    Log?.Invoke($"joint boxes: {joint.Boxes} candidates, {(joint.Proven ? "optimal" : "limit")}, {jointCells} cells after cleanup, {Suppressed(pattern)} re-published, audit {(passed ? "passed" : "FAILED")}, {clock.Elapsed.TotalSeconds:F1} s");
                    if (passed && Suppressed(pattern) < bestCount)
                    {
                        best = pattern;
                        bestCount = Suppressed(pattern);
                    }
                }
            }

            // Stage 3: the neighbourhood search (the cutting planes over one part of the table at a time), a fixed work budget.
            if (!proven && Stages && NeighbourhoodPasses > 0)
            {
                var lns = NeighbourhoodSearch.Run(table, contributors, best, layers, pool, attackers, NeighbourhoodPasses,
                    Share(limit, NeighbourhoodShare) - clock.Elapsed, Log);
                bestCount = Suppressed(best);
                cuts += lns.Cuts;
                parts = lns.Neighbourhoods;
                Log?.Invoke($"neighbourhoods: {lns.Neighbourhoods} solved, {lns.Improved} better, {lns.Solves} solves, {lns.Cuts} cuts, {bestCount} cells, {clock.Elapsed.TotalSeconds:F1} s");
            }

            // Stage 4: the re-publish pass (every secondary cell the full audit lets go), then box swaps, a fixed number of tries.
            if (!proven && Stages)
            {
                var before = bestCount;
                var trial = (CellStatus[])best.Clone();
                Republish(table, contributors, trial, layers, Share(limit, BoxSwapShare) - clock.Elapsed, mostFirst: false);
                if (candidates.Count == 0 && BoxSwapTries > 0)
                    candidates = JointBoxes.Candidates(table, contributors, status, layers);
                if (BoxSwapTries > 0)
                    swaps = BoxSwapSearch.Run(table, contributors, trial, layers, candidates, Share(limit, BoxSwapShare) - clock.Elapsed, seed: 1, tries: BoxSwapTries, log: Log);
                if (Suppressed(trial) < bestCount
                    || (Suppressed(trial) == bestCount && BoxSwapSearch.Hidden(table, contributors, trial) < BoxSwapSearch.Hidden(table, contributors, best)))
                {
                    best = trial;
                    bestCount = Suppressed(trial);
                }
                republished = before - bestCount;
                Log?.Invoke($"re-publish and box swaps: {before} -> {bestCount} cells, {clock.Elapsed.TotalSeconds:F1} s");
            }

            // Stage 5: the cutting planes over the whole table with every cut found, for the lower bound in the time left.
            // Only a solve that ends optimal can change the pattern (the same answer on any machine); else it only raises the bound.
            // Whether the clock, not the work budgets, ended a stage (then the pattern can depend on the machine's load).
            capped = clock.Elapsed >= Share(limit, BoxSwapShare);
            var masterEnd = Stages ? Min(limit, clock.Elapsed + MasterTime) : limit;
            foreach (var row in pool)
                AddRow(solver, s, row);
            cuts += relaxation.Cuts.Count;
            proven = lowerBound >= bestCount;
            while (!proven)
            {
                var remaining = masterEnd - clock.Elapsed;
                if (remaining <= TimeSpan.FromSeconds(1))
                    break;
                solver.SetTimeLimit((long)remaining.TotalMilliseconds);
                solver.SetHint(s, [.. best.Select(b => b == CellStatus.Published ? 0.0 : 1.0)]);
                var mipStart = clock.Elapsed;
                var result = solver.Solve();
                rounds++;
                Log?.Invoke($"MIP {result} in {(clock.Elapsed - mipStart).TotalSeconds:F1} s");
                if (result is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE))
                    break;
                var optimal = result == Solver.ResultStatus.OPTIMAL;
                lowerBound = Math.Max(lowerBound, (int)Math.Ceiling((optimal ? objective.Value() : objective.BestBound()) - 1e-6));
                if (lowerBound >= bestCount)
                {
                    proven = true;
                    break;
                }
                if (!optimal)
                    break;
                var values = s.Select(x => x.SolutionValue() > 0.5 ? 1.0 : 0.0).ToArray();
                var candidate = new CellStatus[table.Size];
                for (var c = 0; c < candidate.Length; c++)
                    candidate[c] = status[c] == CellStatus.PrimarySuppressed ? status[c] : values[c] > 0 ? CellStatus.SecondarySuppressed : CellStatus.Published;
                var audit = Audit(table, contributors, candidate, layers);
                Log?.Invoke($"round {rounds}: {result}, candidate {Suppressed(candidate)}, bound {lowerBound}, best {bestCount}, audit {(audit is null ? "FAILED" : audit.Passed ? "passed" : audit.Narrow.Count + " narrow")}, {clock.Elapsed.TotalSeconds:F1} s");
                if (audit is { Passed: true })
                {
                    // An optimal solution of a relaxation that passes the audit is optimal over all safe patterns.
                    best = candidate;
                    bestCount = Suppressed(candidate);
                    proven = true;
                    break;
                }
                // The cells to cut: the audit's narrow cells, or (when GLOP fails on this pattern) every cell without a box.
                var narrow = audit is not null
                    ? audit.Narrow.Select(f => (f.Cell, Layer: Layer(layers, f.Layer))).Distinct().ToList()
                    : [.. Unboxed(table, contributors, candidate, layers).SelectMany(c => Enumerable.Range(0, layers.Count).Select(l => (Cell: c, Layer: l)))];
                var added = 0;
                foreach (var (cell, l) in narrow)
                {
                    var attacker = attackers[l] ??= new ProtectionCuts(table, layers[l]);
                    try
                    {
                        if (AddCut(solver, s, attacker, cell, layers[l].Level(cell, candidate[cell]), values))
                            added++;
                    }
                    catch (InvalidOperationException)
                    {
                        // GLOP failed on this attacker programme even from scratch: no cut from it.
                    }
                }
                cuts += added;
                Log?.Invoke($"  {added} cuts from {narrow.Count} cells, {clock.Elapsed.TotalSeconds:F1} s");
                if (added == 0)
                    break;
            }
        }
        finally
        {
            foreach (var attacker in attackers)
                attacker?.Dispose();
        }
        best.CopyTo(status, 0);
        return new OptimalSearch(proven, bestCount, Math.Min(lowerBound, bestCount), rounds, cuts, clock.Elapsed)
        {
            JointBoxCells = jointCells,
            Republished = republished,
            BoxSwaps = swaps,
            Neighbourhoods = parts,
            TimeLimitReached = capped,
        };
    }

    /// <summary>Share of the time limit (a wall-clock safety cap) by which the relaxation's rounds end.</summary>
    private const double RelaxationShare = 0.25;

    /// <summary>Share of the time limit by which the joint choice of boxes ends (when it runs).</summary>
    private const double JointShare = 0.3;

    /// <summary>Share of the time limit by which the neighbourhood search ends (its work budget usually ends it first).</summary>
    private const double NeighbourhoodShare = 0.85;

    /// <summary>Share of the time limit by which the re-publish pass and the box swaps end.</summary>
    private const double BoxSwapShare = 0.92;

    /// <summary>Rounds of the linear relaxation (each separates the cuts of every cell suppressed in part).</summary>
    internal static int RelaxationRounds { get; set; } = 8;

    /// <summary>Wall-clock time of the last stage, the cutting planes over the whole table (it only raises the lower bound unless it proves a pattern optimal).</summary>
    internal static TimeSpan MasterTime { get; set; } = TimeSpan.FromSeconds(30);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Share(TimeSpan limit, double share) => TimeSpan.FromTicks((long)(limit.Ticks * share));

    /// <summary>
    /// The re-publish pass: each secondary cell, most contributors first (or fewest), is published again when the full
    /// audit still passes without it (so a pattern passed in stays safe at every step), in passes until one publishes
    /// nothing (publishing a cell also drops its own need, which can let a cell kept earlier go); returns the cells
    /// published again. Stops at the time limit. A cell that would leave another suppressed cell alone on a line is kept
    /// without an LP.
    /// </summary>
    internal static int Republish(LinkedTable table, long[] contributors, CellStatus[] status, IReadOnlyList<ProtectionLayer> layers, TimeSpan limit,
        bool mostFirst = true)
    {
        var secondary = Enumerable.Range(0, table.Size).Where(c => status[c] == CellStatus.SecondarySuppressed).ToList();
        secondary.Sort((a, b) =>
        {
            var c = mostFirst ? contributors[b].CompareTo(contributors[a]) : contributors[a].CompareTo(contributors[b]);
            return c != 0 ? c : a.CompareTo(b);
        });
        return Republish(table, contributors, status, layers, limit, secondary, int.MaxValue);
    }

    /// <summary>The re-publish pass over the given secondary cells in this order, at most <paramref name="passes"/> times.</summary>
    internal static int Republish(LinkedTable table, long[] contributors, CellStatus[] status, IReadOnlyList<ProtectionLayer> layers, TimeSpan limit,
        IReadOnlyList<int> secondary, int passes)
    {
        var clock = Stopwatch.StartNew();
        var published = 0;
        for (var round = 0; round < passes && clock.Elapsed < limit; round++)
        {
            var before = published;
            foreach (var cell in secondary)
            {
                if (clock.Elapsed >= limit)
                    break;
                if (status[cell] != CellStatus.SecondarySuppressed)
                    continue;
                status[cell] = CellStatus.Published;
                if (LeavesALoneCell(table, status, cell) || Audit(table, contributors, status, layers, firstNarrow: true) is not { Passed: true })
                {
                    status[cell] = CellStatus.SecondarySuppressed;
                    continue;
                }
                published++;
            }
            if (published == before)
                break;
        }
        return published;
    }

    /// <summary>Whether a line through the (now published) cell holds exactly one suppressed cell: that cell is its total minus the rest.</summary>
    internal static bool LeavesALoneCell(LinkedTable table, CellStatus[] status, int cell)
    {
        var own = new int[table.Dimensions];
        table.Coords(cell, own);
        for (var d = 0; d < table.Dimensions; d++)
        {
            var baseIndex = cell - own[d] * table.Strides[d];
            var count = 0;
            for (var j = 0; j < table.Extents[d]; j++)
            {
                if (status[baseIndex + j * table.Strides[d]] != CellStatus.Published)
                    count++;
            }
            if (count == 1)
                return true;
        }
        return false;
    }

    /// <summary>
    /// The audit of a candidate, or null when GLOP fails on it (it can report a feasible programme infeasible): the
    /// candidate is then cut by its attacker programmes alone and never used.
    /// </summary>
    internal static AuditReport? Audit(LinkedTable table, long[] contributors, CellStatus[] candidate, IReadOnlyList<ProtectionLayer> layers,
        bool firstNarrow = false)
    {
        try
        {
            return LinearAudit.Run(table, candidate, layers, new HypercubeSearch(table, contributors, candidate, layers).HasSuppressedValidBox, firstNarrow);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException)
        {
            Log?.Invoke("audit failed: " + e.Message);
            return null;
        }
    }

    private static IEnumerable<int> Unboxed(LinkedTable table, long[] contributors, CellStatus[] candidate, IReadOnlyList<ProtectionLayer> layers)
    {
        var search = new HypercubeSearch(table, contributors, candidate, layers);
        for (var c = 0; c < candidate.Length; c++)
        {
            if (candidate[c] != CellStatus.Published && !search.HasSuppressedValidBox(c))
                yield return c;
        }
    }

    internal static int Suppressed(CellStatus[] status) => status.Count(x => x != CellStatus.Published);

    private static int Layer(IReadOnlyList<ProtectionLayer> layers, string name)
    {
        for (var l = 0; l < layers.Count; l++)
        {
            if (layers[l].Name == name)
                return l;
        }
        throw new InvalidOperationException($"optimal suppression: no layer {name}");
    }

    /// <summary>For every cell and dimension: if the cell is suppressed, another cell of its line is (else it is a difference).</summary>
    internal static void AddLineConstraints(Solver solver, LinkedTable table, Variable[] s)
    {
        for (var cell = 0; cell < table.Size; cell++)
        {
            var own = new int[table.Dimensions];
            table.Coords(cell, own);
            for (var d = 0; d < table.Dimensions; d++)
            {
                var row = solver.MakeConstraint(0, double.PositiveInfinity);
                row.SetCoefficient(s[cell], -1);
                var baseIndex = cell - own[d] * table.Strides[d];
                for (var j = 0; j < table.Extents[d]; j++)
                {
                    if (j != own[d])
                        row.SetCoefficient(s[baseIndex + j * table.Strides[d]], 1);
                }
            }
        }
    }

    /// <summary>
    /// The cut of a cell that is too narrow: Σ min(g, L)·s over the other cells ≥ (L − min(g_cell, L))·s_cell, where g
    /// bounds what each cell's suppression adds to the width (coefficients above L are lowered to L: one such cell
    /// suppressed already satisfies the cut). Returns false when the cut does not cut the current pattern off.
    /// </summary>
    private static bool AddCut(Solver solver, Variable[] s, ProtectionCuts attacker, int cell, double level, double[] values)
    {
        if (CutRow(attacker, cell, level, values) is not { } row)
            return false;
        AddRow(solver, s, row);
        return true;
    }

    /// <summary>
    /// The cut's coefficients per cell (<see cref="AddCut"/>), or null when it does not cut <paramref name="values"/> off
    /// (which may be fractional: the cell's own need is then its level times its value).
    /// </summary>
    internal static double[]? CutRow(ProtectionCuts attacker, int cell, double level, double[] values)
    {
        var (width, g) = attacker.Cut(cell, values);
        if (width >= level * values[cell] - Slack)
            return null;
        var row = new double[g.Length];
        var lhs = 0.0;
        for (var c = 0; c < g.Length; c++)
        {
            row[c] = Math.Min(g[c], level) - (c == cell ? level : 0);
            lhs += row[c] * values[c];
        }
        return lhs >= -Slack ? null : row;
    }

    /// <summary>Adds a cut (sum of coefficient × s ≥ −<see cref="Slack"/>).</summary>
    internal static void AddRow(Solver solver, Variable[] s, double[] row)
    {
        var constraint = solver.MakeConstraint(-Slack, double.PositiveInfinity);
        for (var c = 0; c < row.Length; c++)
        {
            if (Math.Abs(row[c]) > 1e-9)
                constraint.SetCoefficient(s[c], row[c]);
        }
    }
}
