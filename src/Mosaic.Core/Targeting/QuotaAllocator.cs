namespace Mosaic.Core.Targeting;

/// <summary>
/// Shares a total among groups by weight with the largest-remainder (Hamilton) method, never giving a group
/// more than its capacity (its eligible households): what a capped group cannot take is shared again among
/// the others. The quotas add up to min(total, Σ capacity). Deterministic: remainders tie by weight, then
/// by the optional tie-break value (higher first), then by group order.
/// </summary>
internal static class QuotaAllocator
{
    /// <summary>
    /// The quotas of a request's groups, capped by their <paramref name="eligible"/> households: weighted by their
    /// <paramref name="priority"/> (high/extreme) households when proportional, else equal; leftover units go to the
    /// groups with more high/extreme households, not by P-code.
    /// </summary>
    public static int[] ForRequest(TargetingRequest request, int[] eligible, int[] priority) =>
        Allocate(Math.Max(0, request.Requested), request.Quota == QuotaMode.Proportional ? [.. priority.Select(p => (double)p)] : [.. priority.Select(_ => 1.0)],
            eligible, priority);

    public static int[] Allocate(int total, IReadOnlyList<double> weights, IReadOnlyList<int> capacity, IReadOnlyList<int>? tieBreak = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        var k = weights.Count;
        var quota = new int[k];
        long room = 0;
        for (var g = 0; g < k; g++)
            room += Math.Max(0, capacity[g]);
        var remaining = (int)Math.Min(total, room);
        var share = new double[k];
        while (remaining > 0)
        {
            double w = 0;
            for (var g = 0; g < k; g++)
            {
                if (quota[g] < capacity[g])
                    w += Math.Max(0, weights[g]);
            }
            // Groups with no weight (e.g. no high/extreme household) share equally once the weighted ones are full.
            var equal = w <= 0;
            var active = Active(quota, capacity);
            var assigned = 0;
            var capped = false;
            for (var g = 0; g < k; g++)
            {
                share[g] = 0;
                if (quota[g] >= capacity[g])
                    continue;
                var weight = equal ? 1 : Math.Max(0, weights[g]);
                share[g] = remaining * weight / (equal ? active : w);
                // Clamped to what is left: rounding could otherwise push the floors' sum one above the total.
                var want = Math.Min((int)Math.Floor(share[g]), remaining - assigned);
                var free = capacity[g] - quota[g];
                if (want > free)
                {
                    capped = true;
                    want = free;
                }
                quota[g] += want;
                assigned += want;
                share[g] -= Math.Floor(share[g]);
            }
            remaining -= assigned;
            if (remaining == 0 || capped)
                continue;
            // Leftover units (fewer than the groups) go to the largest fractional remainders.
            var order = Enumerable.Range(0, k).Where(g => quota[g] < capacity[g])
                .OrderByDescending(g => share[g]).ThenByDescending(g => weights[g]).ThenByDescending(g => tieBreak?[g] ?? 0).ThenBy(g => g).ToList();
            foreach (var g in order)
            {
                if (remaining == 0)
                    break;
                quota[g]++;
                remaining--;
            }
        }
        return quota;
    }

    private static int Active(int[] quota, IReadOnlyList<int> capacity)
    {
        var n = 0;
        for (var g = 0; g < quota.Length; g++)
        {
            if (quota[g] < capacity[g])
                n++;
        }
        return n;
    }
}
