using Google.OrTools.Sat;

namespace Mosaic.Core.Disclosure;

/// <summary>
/// The optimal secondary suppression: a mixed-integer programme (OR-Tools CP-SAT) that chooses, among the valid
/// hypercubes of every primary cell, the set that covers every primary cell with at least one valid box while
/// suppressing the fewest cells (ties: the fewest contributors). Boxes are shared: a primary cell that is a corner
/// of another primary cell's chosen box is protected by it. Optimal over the candidate boxes, not over every
/// possible pattern; the LP audit then checks the result like any other.
/// </summary>
internal static class OptimalSuppression
{
    private const int CandidateBudget = 512;
    private const int BoxesPerCell = 24;
    private const double TimeLimitSeconds = 20;
    private const double PruningSeconds = 120;

    public static void Run(LinkedTable table, long[] contributors, CellStatus[] status, HypercubeSearch search, List<int> primaries,
        IReadOnlyList<ProtectionLayer> layers)
    {
        Cover(contributors, status, search, primaries);
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

        var model = new CpModel();
        var cellVars = new Dictionary<int, BoolVar>();
        var boxVars = new BoolVar[boxes.Count];
        var covering = primaries.ToDictionary(p => p, _ => new List<ILiteral>());
        for (var b = 0; b < boxes.Count; b++)
        {
            boxVars[b] = model.NewBoolVar($"box{b}");
            foreach (var c in boxes[b])
            {
                if (status[c] == CellStatus.Published)
                {
                    if (!cellVars.TryGetValue(c, out var x))
                        cellVars[c] = x = model.NewBoolVar($"cell{c}");
                    model.AddImplication(boxVars[b], x);
                }
                else if (covering.TryGetValue(c, out var list))
                {
                    list.Add(boxVars[b]);
                }
            }
        }
        foreach (var (_, list) in covering)
            model.AddBoolOr(list);
        // Fewest cells first, then fewest contributors (capped so the cell count always dominates).
        var objective = LinearExpr.NewBuilder();
        foreach (var (c, x) in cellVars)
            objective.AddTerm(x, 1_000_000 + Math.Min(contributors[c], 999_999));
        model.Minimize(objective);

        var solver = new CpSolver { StringParameters = $"max_time_in_seconds:{TimeLimitSeconds} num_workers:2" };
        var result = solver.Solve(model);
        if (result is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            search.Run(primaries, DisclosureControl.SearchBudget);
            return;
        }
        for (var b = 0; b < boxes.Count; b++)
        {
            if (!solver.BooleanValue(boxVars[b]))
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
