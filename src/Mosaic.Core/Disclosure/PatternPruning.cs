namespace Mosaic.Core.Disclosure;

/// <summary>
/// The last step of the optimal method: tries to publish again each secondary cell, largest first, and keeps the
/// change when the LP still gives every suppressed cell an interval at least as wide as its protection level.
/// A cell that still has a valid box of suppressed cells needs no LP; for the others, uses the true values (known
/// inside Mosaic) to skip the second LP when the largest value alone is far enough
/// above the true one. Every step is checked by LP, so the pattern stays safe; the final audit checks it again.
/// </summary>
internal static class PatternPruning
{
    public static int Run(LinkedTable table, long[] contributors, CellStatus[] status, IReadOnlyList<ProtectionLayer> layers, HypercubeSearch search, TimeSpan budget)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var secondary = new List<int>();
        for (var i = 0; i < status.Length; i++)
        {
            if (status[i] == CellStatus.SecondarySuppressed)
                secondary.Add(i);
        }
        secondary.Sort((a, b) => contributors[b].CompareTo(contributors[a]));
        var removed = 0;
        foreach (var cell in secondary)
        {
            if (clock.Elapsed > budget)
                break;
            status[cell] = CellStatus.Published;
            if (StillSafe(table, status, layers, search))
                removed++;
            else
                status[cell] = CellStatus.SecondarySuppressed;
        }
        return removed;
    }

    private static bool StillSafe(LinkedTable table, CellStatus[] status, IReadOnlyList<ProtectionLayer> layers, HypercubeSearch search)
    {
        // Most cells keep a valid box of suppressed cells (a proof without LP); only the others need the LP.
        var uncertain = new List<int>();
        for (var i = 0; i < status.Length; i++)
        {
            if (status[i] != CellStatus.Published && !search.HasSuppressedValidBox(i))
                uncertain.Add(i);
        }
        if (uncertain.Count == 0)
            return true;
        var system = new SuppressedSystem(table, status);
        foreach (var layer in layers)
        {
            using var solvers = new LinearAudit.ComponentSolvers(system, layer);
            foreach (var i in uncertain)
            {
                var required = layer.Level(i, status[i]);
                var truth = layer.Values[i];
                var (max, _) = solvers.Bound(i, maximize: true);
                if (max - truth >= required && required > 0)
                    continue;
                var (min, _) = solvers.Bound(i, maximize: false);
                var tolerance = 1e-7 * Math.Max(1, Math.Abs(truth));
                if (max - min < required - tolerance || max - min <= tolerance)
                    return false;
            }
        }
        return true;
    }
}
