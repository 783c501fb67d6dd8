using Google.OrTools.LinearSolver;

namespace Mosaic.Core.Disclosure;

/// <summary>
/// The optimal secondary suppression: a mixed-integer programme (OR-Tools with SCIP) that chooses, among the valid
/// hypercubes of every primary cell, the set that covers every primary cell with at least one valid box while
/// suppressing the fewest cells (ties: the fewest contributors). Boxes are shared: a primary cell that is a corner
/// of another primary cell's chosen box is protected by it. Optimal over the candidate boxes, not over every
/// possible pattern; the LP audit then checks the result like any other.
/// </summary>
internal static class OptimalSuppression
{
    private const int CandidateBudget = 512;
    private const int BoxesPerCell = 24;
    // Wall-clock limits: the best cover found in time is used (SCIP reports it as feasible rather than optimal).
    private const double TimeLimitSeconds = 10;
    private const double PruningSeconds = 60;

    public static void Run(LinkedTable table, long[] contributors, CellStatus[] status, HypercubeSearch search, List<int> primaries,
        IReadOnlyList<ProtectionLayer> layers)
    {
        // The fast pattern is the floor: the programme's answer (possibly cut short by the time limit) is kept only
        // when it suppresses no more cells.
        var greedy = (CellStatus[])status.Clone();
        var fast = new HypercubeSearch(table, contributors, greedy, layers);
        fast.Run(primaries, DisclosureControl.SearchBudget);
        Cover(contributors, status, search, primaries);
        if (greedy.Count(s => s != CellStatus.Published) < status.Count(s => s != CellStatus.Published))
            greedy.CopyTo(status, 0);
        PatternPruning.Run(table, contributors, status, layers, search, TimeSpan.FromSeconds(PruningSeconds));
    }

    private static void Cover(long[] contributors, CellStatus[] status, HypercubeSearch search, List<int> primaries)
    {
        if (primaries.Count == 0)
            return;
        var boxes = new List<int[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in primaries)
        {
            foreach (var box in search.Boxes(p, CandidateBudget, BoxesPerCell))
            {
                var sorted = box.Order().ToArray();
                if (seen.Add(string.Join(',', sorted)))
                    boxes.Add(sorted);
            }
        }

        using var solver = Solver.CreateSolver("SCIP") ?? throw new InvalidOperationException("OR-Tools SCIP is not available");
        solver.SetTimeLimit((long)(TimeLimitSeconds * 1000));
        var cellVars = new Dictionary<int, Variable>();
        var boxVars = new Variable[boxes.Count];
        var covering = primaries.ToDictionary(p => p, _ => solver.MakeConstraint(1, double.PositiveInfinity));
        for (var b = 0; b < boxes.Count; b++)
        {
            boxVars[b] = solver.MakeBoolVar($"box{b}");
            foreach (var c in boxes[b])
            {
                if (status[c] == CellStatus.Published)
                {
                    if (!cellVars.TryGetValue(c, out var x))
                        cellVars[c] = x = solver.MakeBoolVar($"cell{c}");
                    // A chosen box suppresses each of its cells.
                    var link = solver.MakeConstraint(0, double.PositiveInfinity);
                    link.SetCoefficient(x, 1);
                    link.SetCoefficient(boxVars[b], -1);
                }
                else if (covering.TryGetValue(c, out var cover))
                {
                    cover.SetCoefficient(boxVars[b], 1);
                }
            }
        }
        // Fewest cells first, then fewest contributors (capped so the cell count always dominates).
        var objective = solver.Objective();
        foreach (var (c, x) in cellVars)
            objective.SetCoefficient(x, 1_000_000 + Math.Min(contributors[c], 999_999));
        objective.SetMinimization();
        var result = solver.Solve();
        if (result is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE))
        {
            search.Run(primaries, DisclosureControl.SearchBudget);
            return;
        }
        for (var b = 0; b < boxes.Count; b++)
        {
            if (boxVars[b].SolutionValue() < 0.5)
                continue;
            foreach (var c in boxes[b])
            {
                if (status[c] == CellStatus.Published)
                    status[c] = CellStatus.SecondarySuppressed;
                search.Protected[c] = true;
            }
        }
    }
}
