using System.Diagnostics;
using Google.OrTools.LinearSolver;

namespace Mosaic.Core.Disclosure;

/// <summary>
/// The optimal secondary suppression: a mixed-integer programme (OR-Tools with SCIP) over one 0/1 variable per cell —
/// suppressed or not — that minimises the number of suppressed cells, solved by adding constraints as they are needed
/// (the cutting-plane method of Fischetti and Salazar). It starts with the sensitive cells fixed and one constraint
/// per line of the table (a suppressed cell needs another suppressed cell on each of its lines). Each solution is
/// audited (<see cref="LinearAudit"/>); every cell whose interval is too narrow gives a cut from its attacker programme
/// (<see cref="ProtectionCuts"/>) that every safe pattern satisfies and this one does not, and the programme is solved
/// again. The first solution that passes the audit is optimal. The fast pattern is the starting incumbent (and the
/// solver's hint); a pattern that fails is also repaired with valid boxes and cleaned up, so when the time limit is
/// reached the best safe pattern found is returned, and the report says it is not proven optimal.
/// Before the cutting planes, heuristic stages improve the incumbent, each keeping it safe by the full audit: the
/// joint choice of boxes (<see cref="JointBoxes"/>), the re-publish pass, box swaps (<see cref="BoxSwapSearch"/>) and
/// exchanges (<see cref="ExchangeSearch"/>).
/// </summary>
internal static class OptimalSuppression
{
    /// <summary>Slack of the cuts, far below any protection level (dual values come from floating point).</summary>
    private const double Slack = 1e-6;

    /// <summary>Progress of the search, for the benchmark (null: silent).</summary>
    internal static Action<string>? Log { get; set; }

    /// <summary>Whether the joint choice of boxes and the re-publish pass run before the cutting planes (off: the benchmark's comparison).</summary>
    internal static bool Stages { get; set; } = true;

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

        // Stage 1: one valid box per sensitive cell, chosen jointly (the fast pattern's boxes as the first solution).
        var jointCells = -1;
        var republished = 0;
        IReadOnlyList<(int Anchor, int[] Corners)> candidates = [];
        if (Stages)
        {
            var starts = new List<CellStatus[]> { (CellStatus[])best.Clone() };
            var joint = JointBoxes.Choose(table, contributors, status, layers, Share(limit, JointShare) - clock.Elapsed, best);
            candidates = joint.Candidates;
            if (joint.Pattern is { } pattern)
            {
                PatternCleanup.Run(table, contributors, pattern, layers, new HypercubeSearch(table, contributors, pattern, layers));
                jointCells = Suppressed(pattern);
                var passed = Audit(table, contributors, pattern, layers) is { Passed: true };
                Log?.Invoke($"joint boxes: {joint.Boxes} candidates, {(joint.Proven ? "optimal" : "time limit")}, {jointCells} cells after cleanup, audit {(passed ? "passed" : "FAILED")}, {clock.Elapsed.TotalSeconds:F1} s");
                // The fast pattern is re-published too only when the joint one is no smaller (its passes take time the exchanges use better).
                if (passed && jointCells < bestCount)
                    starts = [pattern];
                else if (passed)
                    starts.Insert(0, pattern);
            }
            // Stage 2: from the safe patterns, every secondary cell the full audit lets go, in two orders; the smallest result is kept.
            var deadline = Share(limit, RepublishShare);
            foreach (var from in starts)
            {
                foreach (var mostFirst in new[] { true, false })
                {
                    var trial = (CellStatus[])from.Clone();
                    var published = Republish(table, contributors, trial, layers, deadline - clock.Elapsed, mostFirst);
                    Log?.Invoke($"re-publish ({(mostFirst ? "most" : "fewest")} persons first) from {Suppressed(from)} cells: {published} published again, {Suppressed(trial)} cells, {clock.Elapsed.TotalSeconds:F1} s");
                    if (Suppressed(trial) < bestCount)
                    {
                        best = trial;
                        bestCount = Suppressed(trial);
                        republished = Suppressed(from) - bestCount;
                    }
                }
            }
        }

        // Stage 3: box swaps (a candidate box in, the re-publish pass over the rest), then stage 4: exchanges (one cell
        // out, the cells that repair its loss in, their lines re-published); each from the best pattern so far.
        var swaps = 0;
        var exchanges = 0;
        if (Stages)
        {
            var trial = (CellStatus[])best.Clone();
            swaps = BoxSwapSearch.Run(table, contributors, trial, layers, candidates, Share(limit, BoxSwapShare) - clock.Elapsed, log: Log);
            Log?.Invoke($"box swaps: {swaps} moves, {bestCount} -> {Suppressed(trial)} cells, {clock.Elapsed.TotalSeconds:F1} s");
            if (Suppressed(trial) <= bestCount)
            {
                best = trial;
                bestCount = Suppressed(trial);
            }
            trial = (CellStatus[])best.Clone();
            exchanges = ExchangeSearch.Run(table, contributors, trial, layers, Share(limit, ExchangeShare) - clock.Elapsed, Log);
            Log?.Invoke($"exchanges: {exchanges} kept, {bestCount} -> {Suppressed(trial)} cells, {clock.Elapsed.TotalSeconds:F1} s");
            if (Suppressed(trial) <= bestCount)
            {
                best = trial;
                bestCount = Suppressed(trial);
            }
        }

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
        try
        {
            while (true)
            {
                var remaining = limit - clock.Elapsed;
                if (remaining <= TimeSpan.Zero)
                    break;
                solver.SetTimeLimit((long)Math.Max(1, remaining.TotalMilliseconds));
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
                var values = s.Select(x => x.SolutionValue() > 0.5 ? 1.0 : 0.0).ToArray();
                var candidate = new CellStatus[table.Size];
                for (var c = 0; c < candidate.Length; c++)
                    candidate[c] = status[c] == CellStatus.PrimarySuppressed ? status[c] : values[c] > 0 ? CellStatus.SecondarySuppressed : CellStatus.Published;
                var audit = Audit(table, contributors, candidate, layers);
                Log?.Invoke($"round {rounds}: {result}, candidate {Suppressed(candidate)}, bound {lowerBound}, best {bestCount}, audit {(audit is null ? "FAILED" : audit.Passed ? "passed" : audit.Narrow.Count + " narrow")}, {clock.Elapsed.TotalSeconds:F1} s");
                if (audit is { Passed: true })
                {
                    if (Suppressed(candidate) < bestCount)
                    {
                        best = candidate;
                        bestCount = Suppressed(candidate);
                    }
                    proven = optimal;
                    if (optimal || clock.Elapsed >= limit)
                        break;
                    continue;
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
                var repaired = audit is null || clock.Elapsed >= limit ? null : Repair(table, contributors, candidate, layers, audit);
                if (repaired is not null && Suppressed(repaired) < bestCount)
                {
                    best = repaired;
                    bestCount = Suppressed(repaired);
                }
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
            Exchanges = exchanges,
        };
    }

    /// <summary>
    /// Share of the time limit by which the joint choice of boxes ends (it has the limit from the start). On the guide's
    /// table CP-SAT stops improving after about 35 s at load 20 on 2 cores.
    /// </summary>
    private const double JointShare = 0.2;

    /// <summary>Share of the time limit by which the re-publish pass ends.</summary>
    private const double RepublishShare = 0.3;

    /// <summary>Share of the time limit by which the box swaps end.</summary>
    private const double BoxSwapShare = 0.7;

    /// <summary>Share of the time limit by which the exchanges end; the cutting planes (and the lower bound) have the rest.</summary>
    private const double ExchangeShare = 0.85;

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
    private static void AddLineConstraints(Solver solver, LinkedTable table, Variable[] s)
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
        var (width, g) = attacker.Cut(cell, values);
        var lhs = 0.0;
        for (var c = 0; c < g.Length; c++)
            lhs += Math.Min(g[c], level) * values[c];
        if (width >= level - Slack || lhs >= level - Slack)
            return false;
        var row = solver.MakeConstraint(-Slack, double.PositiveInfinity);
        for (var c = 0; c < g.Length; c++)
        {
            var coefficient = Math.Min(g[c], level) - (c == cell ? level : 0);
            if (Math.Abs(coefficient) > 1e-9)
                row.SetCoefficient(s[c], coefficient);
        }
        return true;
    }

    /// <summary>A failing pattern made safe: a valid box for every narrow cell, then the cleanup pass.</summary>
    private static CellStatus[]? Repair(LinkedTable table, long[] contributors, CellStatus[] candidate, IReadOnlyList<ProtectionLayer> layers, AuditReport audit)
    {
        try
        {
            return RepairOrThrow(table, contributors, candidate, layers, audit);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException)
        {
            return null;
        }
    }

    private static CellStatus[]? RepairOrThrow(LinkedTable table, long[] contributors, CellStatus[] candidate, IReadOnlyList<ProtectionLayer> layers, AuditReport audit)
    {
        var repaired = (CellStatus[])candidate.Clone();
        var search = new HypercubeSearch(table, contributors, repaired, layers);
        search.Run(audit.Narrow.Select(f => f.Cell).Distinct(), DisclosureControl.SearchBudget);
        for (var round = 0; ; round++)
        {
            var check = LinearAudit.Run(table, repaired, layers, search.HasSuppressedValidBox);
            if (check.Passed)
                break;
            var added = 0;
            foreach (var finding in check.Narrow.DistinctBy(f => f.Cell))
                added += search.ProtectWithoutBound(finding.Cell);
            if (added == 0 || round > 10)
                return null;
        }
        PatternCleanup.Run(table, contributors, repaired, layers, search);
        return LinearAudit.Run(table, repaired, layers, search.HasSuppressedValidBox).Passed ? repaired : null;
    }
}
