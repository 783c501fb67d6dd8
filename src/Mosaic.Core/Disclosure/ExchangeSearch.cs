using System.Diagnostics;

namespace Mosaic.Core.Disclosure;

/// <summary>
/// The exchange stage of the optimal method, a local search from a safe pattern in which no secondary cell can be
/// published alone (the re-publish pass's result). A secondary cell is published; the cells the audit then finds too
/// narrow are repaired by suppressing one published cell instead — the cells whose suppression the attacker
/// programmes' cuts (<see cref="ProtectionCuts"/>) say would widen them most — or by the cells their cheapest boxes
/// add (at most two); then every secondary cell on the lines of the cells exchanged is tried for publication. The
/// exchange is kept when the pattern ends with fewer cells, or as many and fewer persons hidden, so the search ends.
/// Every pattern kept passes the full audit (the LPs, not only the boxes), like the one passed in.
/// </summary>
internal static class ExchangeSearch
{
    /// <summary>Single cells tried per published cell, by their cut score.</summary>
    private const int Tries = 4;

    /// <summary>A published cell that leaves more cells than this too narrow is not repaired (one cell rarely repairs them all).</summary>
    private const int MaximumNarrow = 12;

    /// <summary>Cells of the cheapest boxes' repair tried as one exchange.</summary>
    private const int MaximumBoxRepair = 2;

    /// <param name="table">Shape of the table.</param>
    /// <param name="contributors">Contributors per cell.</param>
    /// <param name="status">In: a safe pattern. Out: a safe pattern with no more cells and no more persons hidden.</param>
    /// <param name="layers">The additive quantities and their protection levels.</param>
    /// <param name="limit">Wall-clock limit.</param>
    /// <param name="log">Progress (null: silent).</param>
    /// <returns>The exchanges kept.</returns>
    public static int Run(LinkedTable table, long[] contributors, CellStatus[] status, IReadOnlyList<ProtectionLayer> layers, TimeSpan limit,
        Action<string>? log = null)
    {
        var clock = Stopwatch.StartNew();
        var attackers = new ProtectionCuts?[layers.Count];
        var kept = 0;
        try
        {
            for (var pass = 1; clock.Elapsed < limit; pass++)
            {
                var before = kept;
                foreach (var cell in Secondary(status, contributors))
                {
                    if (clock.Elapsed >= limit)
                        break;
                    if (status[cell] != CellStatus.SecondarySuppressed)
                        continue;
                    if (TryExchange(table, contributors, status, layers, attackers, cell, clock, limit) is { } better)
                    {
                        log?.Invoke($"exchange: {cell} published, {OptimalSuppression.Suppressed(better)} cells, {Hidden(table, contributors, better)} persons hidden, {clock.Elapsed.TotalSeconds:F1} s");
                        better.CopyTo(status, 0);
                        kept++;
                    }
                }
                log?.Invoke($"exchange pass {pass}: {kept - before} kept, {OptimalSuppression.Suppressed(status)} cells, {clock.Elapsed.TotalSeconds:F1} s");
                if (kept == before)
                    break;
            }
        }
        finally
        {
            foreach (var attacker in attackers)
                attacker?.Dispose();
        }
        return kept;
    }

    /// <summary>Secondary cells, most contributors first (publishing them again gives back the most persons).</summary>
    private static List<int> Secondary(CellStatus[] status, long[] contributors)
    {
        var secondary = Enumerable.Range(0, status.Length).Where(c => status[c] == CellStatus.SecondarySuppressed).ToList();
        secondary.Sort((a, b) =>
        {
            var c = contributors[b].CompareTo(contributors[a]);
            return c != 0 ? c : a.CompareTo(b);
        });
        return secondary;
    }

    /// <summary>A better safe pattern without <paramref name="cell"/>, or null.</summary>
    private static CellStatus[]? TryExchange(LinkedTable table, long[] contributors, CellStatus[] status, IReadOnlyList<ProtectionLayer> layers,
        ProtectionCuts?[] attackers, int cell, Stopwatch clock, TimeSpan limit)
    {
        var trial = (CellStatus[])status.Clone();
        trial[cell] = CellStatus.Published;
        var audit = OptimalSuppression.Audit(table, contributors, trial, layers);
        if (audit is null)
            return null;
        if (audit.Passed)
            return trial;
        var narrow = audit.Narrow.Select(f => (f.Cell, Layer: LayerIndex(layers, f.Layer))).Distinct().ToList();
        if (narrow.Select(n => n.Cell).Distinct().Count() > MaximumNarrow)
            return null;
        var cells = OptimalSuppression.Suppressed(status);
        var hidden = Hidden(table, contributors, status);
        foreach (var added in Repairs(table, contributors, trial, layers, attackers, narrow, cell))
        {
            if (clock.Elapsed >= limit)
                return null;
            var exchanged = (CellStatus[])trial.Clone();
            foreach (var a in added)
                exchanged[a] = CellStatus.SecondarySuppressed;
            if (OptimalSuppression.Audit(table, contributors, exchanged, layers, firstNarrow: true) is not { Passed: true })
                continue;
            foreach (var other in Neighbours(table, exchanged, contributors, added.Append(cell)))
            {
                if (added.Contains(other))
                    continue;
                exchanged[other] = CellStatus.Published;
                if (OptimalSuppression.LeavesALoneCell(table, exchanged, other)
                    || OptimalSuppression.Audit(table, contributors, exchanged, layers, firstNarrow: true) is not { Passed: true })
                    exchanged[other] = CellStatus.SecondarySuppressed;
            }
            var count = OptimalSuppression.Suppressed(exchanged);
            if (count < cells || (count == cells && Hidden(table, contributors, exchanged) < hidden))
                return exchanged;
        }
        return null;
    }

    /// <summary>
    /// The sets of published cells to suppress instead: the cheapest boxes' new cells for the narrow cells (when at most
    /// <see cref="MaximumBoxRepair"/>), then single cells by their cut score (how much of each narrow cell's missing
    /// width their suppression can give, summed), fewest contributors first among equals.
    /// </summary>
    private static IEnumerable<int[]> Repairs(LinkedTable table, long[] contributors, CellStatus[] trial, IReadOnlyList<ProtectionLayer> layers,
        ProtectionCuts?[] attackers, List<(int Cell, int Layer)> narrow, int removed)
    {
        var boxed = (CellStatus[])trial.Clone();
        new HypercubeSearch(table, contributors, boxed, layers).Run(narrow.Select(n => n.Cell).Distinct(), DisclosureControl.SearchBudget);
        int[] byBox = [.. Enumerable.Range(0, boxed.Length).Where(c => boxed[c] != trial[c])];
        var tried = new HashSet<int>();
        if (byBox.Length is > 0 and <= MaximumBoxRepair && !byBox.Contains(removed))
        {
            if (byBox.Length == 1)
                tried.Add(byBox[0]);
            yield return byBox;
        }
        var s = trial.Select(x => x == CellStatus.Published ? 0.0 : 1.0).ToArray();
        var score = new double[trial.Length];
        foreach (var (cell, l) in narrow)
        {
            var attacker = attackers[l] ??= new ProtectionCuts(table, layers[l]);
            double width;
            double[] g;
            try
            {
                (width, g) = attacker.Cut(cell, s);
            }
            catch (InvalidOperationException)
            {
                continue;
            }
            var missing = layers[l].Level(cell, trial[cell]) - width;
            if (missing <= 0)
                continue;
            for (var c = 0; c < g.Length; c++)
            {
                if (trial[c] == CellStatus.Published && g[c] > 1e-9)
                    score[c] += Math.Min(1, g[c] / missing);
            }
        }
        var candidates = Enumerable.Range(0, trial.Length)
            .Where(c => c != removed && score[c] > 0 && !tried.Contains(c))
            .OrderByDescending(c => score[c]).ThenBy(c => contributors[c]).ThenBy(c => c)
            .Take(Tries);
        foreach (var c in candidates)
            yield return [c];
    }

    /// <summary>Secondary cells on the lines through the given cells, most contributors first.</summary>
    private static List<int> Neighbours(LinkedTable table, CellStatus[] status, long[] contributors, IEnumerable<int> through)
    {
        var found = new HashSet<int>();
        var own = new int[table.Dimensions];
        foreach (var cell in through)
        {
            table.Coords(cell, own);
            for (var d = 0; d < table.Dimensions; d++)
            {
                var baseIndex = cell - own[d] * table.Strides[d];
                for (var j = 0; j < table.Extents[d]; j++)
                {
                    var other = baseIndex + j * table.Strides[d];
                    if (status[other] == CellStatus.SecondarySuppressed)
                        found.Add(other);
                }
            }
        }
        var list = found.ToList();
        list.Sort((a, b) =>
        {
            var c = contributors[b].CompareTo(contributors[a]);
            return c != 0 ? c : a.CompareTo(b);
        });
        return list;
    }

    /// <summary>Persons in suppressed inner cells (the information loss after the cell count).</summary>
    internal static long Hidden(LinkedTable table, long[] contributors, CellStatus[] status)
    {
        long hidden = 0;
        for (var c = 0; c < status.Length; c++)
        {
            if (status[c] != CellStatus.Published && table.TotalCount(c) == 0)
                hidden += contributors[c];
        }
        return hidden;
    }

    private static int LayerIndex(IReadOnlyList<ProtectionLayer> layers, string name)
    {
        for (var l = 0; l < layers.Count; l++)
        {
            if (layers[l].Name == name)
                return l;
        }
        throw new InvalidOperationException($"exchange search: no layer {name}");
    }
}
