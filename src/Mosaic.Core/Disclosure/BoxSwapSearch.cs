using System.Diagnostics;

namespace Mosaic.Core.Disclosure;

/// <summary>
/// The box-swap stage of the optimal method, an iterated local search from a safe pattern that the re-publish pass
/// cannot shrink: a candidate valid box of a sensitive cell (<see cref="JointBoxes"/>) that adds at most
/// <see cref="MaximumNewCells"/> cells is suppressed — still safe, since a valid box protects its corners whatever
/// else is suppressed — and the re-publish pass then tries the other secondary cells on the lines through its corners
/// first (in a random order) and the box's new cells last. The result becomes the current pattern when it has no more cells than the current one
/// (moves across patterns of as many cells let the search leave a local minimum); the smallest seen, fewest persons
/// hidden among equals, is returned. Every pattern kept passes the full audit.
/// </summary>
internal static class BoxSwapSearch
{
    /// <summary>Share of the moves one cell worse than the best that are taken (the benchmark's experiments set it).</summary>
    internal static double Uphill { get; set; } = 0.1;

    /// <summary>Cells a swapped-in box may add (more would rarely be paid back by the re-publish pass).</summary>
    internal const int MaximumNewCells = 4;

    /// <summary>Boxes tried in a row without a better pattern after which the walk starts again from the best one.</summary>
    internal const int Restart = 200;

    /// <summary>
    /// Boxes tried in a row without a better pattern before the search ends, at least (on small tables it would
    /// otherwise walk until the time limit): this or a quarter of the candidate boxes, whichever is more.
    /// </summary>
    internal const int Stall = 400;

    /// <summary>Boxes drawn per move before giving up on finding one that adds 1 to <see cref="MaximumNewCells"/> cells.</summary>
    private const int Draws = 500;

    /// <param name="table">Shape of the table.</param>
    /// <param name="contributors">Contributors per cell.</param>
    /// <param name="status">In: a safe pattern. Out: the best safe pattern seen (never more cells, nor as many with more persons hidden).</param>
    /// <param name="layers">The additive quantities and their protection levels.</param>
    /// <param name="boxes">Candidate valid boxes (anchor and corners).</param>
    /// <param name="limit">Wall-clock limit.</param>
    /// <param name="seed">Seed of the random choices (fixed: the same moves in the same order on every run).</param>
    /// <param name="tries">Boxes tried at most (the time limit usually comes first).</param>
    /// <param name="log">Progress (null: silent).</param>
    /// <returns>The moves made (results accepted as the current pattern).</returns>
    public static int Run(LinkedTable table, long[] contributors, CellStatus[] status, IReadOnlyList<ProtectionLayer> layers,
        IReadOnlyList<(int Anchor, int[] Corners)> boxes, TimeSpan limit, int seed = 1, int tries = int.MaxValue, Action<string>? log = null)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(seed);
        var current = (CellStatus[])status.Clone();
        var currentCount = OptimalSuppression.Suppressed(current);
        var bestCount = currentCount;
        var bestHidden = Hidden(table, contributors, status);
        var accepted = 0;
        var tried = 0;
        var lastBetter = 0;
        var sensitive = Enumerable.Range(0, status.Length).Where(c => status[c] == CellStatus.PrimarySuppressed).ToList();
        var stall = Math.Max(Stall, boxes.Count / 4);
        while (clock.Elapsed < limit && boxes.Count > 0 && tried < tries && tried - lastBetter < stall)
        {
            if (tried > lastBetter && (tried - lastBetter) % Restart == 0)
            {
                current = (CellStatus[])status.Clone();
                currentCount = bestCount;
            }
            // Half the moves: a cheap box of a sensitive cell given the current pattern (its suppressed cells cost nothing);
            // the others: any candidate box, for the moves away from it.
            var box = (sensitive.Count > 0 && random.Next(2) == 0 ? Local(table, contributors, current, layers, sensitive[random.Next(sensitive.Count)], random) : null)
                ?? Draw(boxes, current, random);
            if (box is null)
                break;
            tried++;
            var trial = (CellStatus[])current.Clone();
            var added = new List<int>();
            foreach (var corner in box)
            {
                if (trial[corner] == CellStatus.Published)
                {
                    trial[corner] = CellStatus.SecondarySuppressed;
                    added.Add(corner);
                }
            }
            var order = Around(table, current, box);
            Shuffle(order, random);
            order.AddRange(added);
            OptimalSuppression.Republish(table, contributors, trial, layers, limit - clock.Elapsed, order, 1);
            if (clock.Elapsed >= limit)
                break;
            var count = OptimalSuppression.Suppressed(trial);
            // Now and then a move one cell worse is taken (never more than one cell above the best), so that the walk
            // can cross from one plateau to another.
            if (count > Math.Max(currentCount, random.NextDouble() < Uphill ? bestCount + 1 : 0))
                continue;
            current = trial;
            currentCount = count;
            accepted++;
            var hidden = Hidden(table, contributors, trial);
            if (count < bestCount || (count == bestCount && hidden < bestHidden))
            {
                bestCount = count;
                bestHidden = hidden;
                lastBetter = tried;
                trial.CopyTo(status, 0);
                log?.Invoke($"box swap {tried}: {count} cells, {hidden} persons hidden, {clock.Elapsed.TotalSeconds:F1} s");
            }
        }
        log?.Invoke($"box swaps: {tried} tried, {accepted} moves, {bestCount} cells, {clock.Elapsed.TotalSeconds:F1} s");
        return accepted;
    }

    /// <summary>One of the <see cref="LocalChoices"/> cheapest valid boxes of a cell given the pattern that add 1 to <see cref="MaximumNewCells"/> cells, or null.</summary>
    private static int[]? Local(LinkedTable table, long[] contributors, CellStatus[] pattern, IReadOnlyList<ProtectionLayer> layers, int cell, Random random)
    {
        var search = new HypercubeSearch(table, contributors, (CellStatus[])pattern.Clone(), layers);
        var fitting = new List<int[]>();
        foreach (var corners in search.Boxes(cell, JointBoxes.Budget, JointBoxes.BoxesPerCell))
        {
            var added = corners.Count(c => pattern[c] == CellStatus.Published);
            if (added is >= 1 and <= MaximumNewCells)
                fitting.Add(corners);
            if (fitting.Count == LocalChoices)
                break;
        }
        return fitting.Count == 0 ? null : fitting[random.Next(fitting.Count)];
    }

    /// <summary>Cheapest boxes given the pattern among which a local move chooses.</summary>
    private const int LocalChoices = 8;

    /// <summary>A random candidate box that adds 1 to <see cref="MaximumNewCells"/> cells to the pattern, or null.</summary>
    private static int[]? Draw(IReadOnlyList<(int Anchor, int[] Corners)> boxes, CellStatus[] pattern, Random random)
    {
        for (var d = 0; d < Draws; d++)
        {
            var corners = boxes[random.Next(boxes.Count)].Corners;
            var added = 0;
            foreach (var corner in corners)
            {
                if (pattern[corner] == CellStatus.Published)
                    added++;
            }
            if (added is >= 1 and <= MaximumNewCells)
                return corners;
        }
        return null;
    }

    /// <summary>
    /// The secondary cells on the lines through the box's corners: the cells whose publication the box can make possible
    /// (the box's own cells come last, apart). Cells elsewhere would rarely go, and each try costs an audit.
    /// </summary>
    private static List<int> Around(LinkedTable table, CellStatus[] pattern, int[] box)
    {
        var found = new HashSet<int>();
        var own = new int[table.Dimensions];
        foreach (var corner in box)
        {
            table.Coords(corner, own);
            for (var d = 0; d < table.Dimensions; d++)
            {
                var baseIndex = corner - own[d] * table.Strides[d];
                for (var j = 0; j < table.Extents[d]; j++)
                {
                    var other = baseIndex + j * table.Strides[d];
                    if (pattern[other] == CellStatus.SecondarySuppressed)
                        found.Add(other);
                }
            }
        }
        var list = found.ToList();
        list.Sort();
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

    private static void Shuffle(List<int> list, Random random)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
