using System.Diagnostics;

namespace Mosaic.Core.Disclosure;

/// <summary>
/// The box-swap stage of the optimal method, an iterated local search from a safe pattern that the re-publish pass
/// cannot shrink: a candidate valid box of a sensitive cell (<see cref="JointBoxes"/>) that adds at most
/// <see cref="MaximumNewCells"/> cells is suppressed — still safe, since a valid box protects its corners whatever
/// else is suppressed — and the re-publish pass then tries every other secondary cell first (in a random order) and
/// the box's new cells last. The result becomes the current pattern when it has no more cells than the current one
/// (moves across patterns of as many cells let the search leave a local minimum); the smallest seen, fewest persons
/// hidden among equals, is returned. Every pattern kept passes the full audit.
/// </summary>
internal static class BoxSwapSearch
{
    /// <summary>Cells a swapped-in box may add (more would rarely be paid back by the re-publish pass).</summary>
    internal const int MaximumNewCells = 4;

    /// <summary>
    /// Boxes tried in a row without a better pattern before the search ends (on small tables it would otherwise walk
    /// until the time limit). On the guide's table the best pattern came within 140 tries.
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
        var bestHidden = ExchangeSearch.Hidden(table, contributors, status);
        var accepted = 0;
        var tried = 0;
        var lastBetter = 0;
        while (clock.Elapsed < limit && boxes.Count > 0 && tried < tries && tried - lastBetter < Stall)
        {
            var box = Draw(boxes, current, random);
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
            var order = Enumerable.Range(0, trial.Length).Where(c => current[c] == CellStatus.SecondarySuppressed).ToList();
            Shuffle(order, random);
            order.AddRange(added);
            OptimalSuppression.Republish(table, contributors, trial, layers, limit - clock.Elapsed, order, 1);
            if (clock.Elapsed >= limit)
                break;
            var count = OptimalSuppression.Suppressed(trial);
            if (count > currentCount)
                continue;
            current = trial;
            currentCount = count;
            accepted++;
            var hidden = ExchangeSearch.Hidden(table, contributors, trial);
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

    private static void Shuffle(List<int> list, Random random)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
