using Mosaic.Core.Registry;

namespace Mosaic.Core.Targeting;

// The poor line and the inclusion and exclusion errors of a selection, for either form of the household columns.
internal static partial class ColumnTargeter
{
    /// <summary>
    /// <see cref="TargetingErrors.Measure"/> from the welfare column: the poor line is found by a radix selection over
    /// the eligible households' values (four counting passes, no sorted copy), ties at the line broken by submission
    /// id, read only for the tied households when the line splits them.
    /// </summary>
    private static async Task<TargetingErrors?> ErrorsAsync<THouseholds>(
        THouseholds columns, int[] eligible, int eligibleCount, List<int> selected, double poorShare,
        Func<IReadOnlyList<long>, CancellationToken, Task<IReadOnlyList<ListedHousehold>>> readHouseholds, CancellationToken cancellationToken)
        where THouseholds : struct, IHouseholdColumns
    {
        var welfare = columns.Welfare;
        // Which households are eligible, one bit each: the counting passes then read the welfare column in order.
        var isEligible = new ulong[(columns.HouseholdCount + 63) / 64];
        var withRef = 0;
        for (var i = 0; i < eligibleCount; i++)
        {
            var h = eligible[i];
            if (!double.IsFinite(welfare[h]))
                continue;
            isEligible[h >> 6] |= 1UL << h;
            withRef++;
        }
        if (withRef == 0)
            return null;
        var poorCount = (int)Math.Round(Math.Clamp(poorShare, 0, 1) * withRef, MidpointRounding.AwayFromZero);
        var below = 0;
        var line = double.NaN;
        int[] poorTied = [];
        if (poorCount > 0)
        {
            line = KthSmallest(welfare, isEligible, poorCount);
            var onLine = new List<int>();
            for (var i = 0; i < eligibleCount; i++)
            {
                var w = welfare[eligible[i]];
                if (!double.IsFinite(w))
                    continue;
                var c = w.CompareTo(line);
                if (c < 0)
                    below++;
                else if (c == 0)
                    onLine.Add(i);
            }
            var tied = onLine.ToArray();
            var need = poorCount - below;
            if (need < tied.Length)
            {
                // The line splits a tie: the lower submission ids are poor, as in TargetingErrors.Measure.
                var keys = (await readHouseholds([.. tied.Select(i => columns.Id(eligible[i]))], cancellationToken))
                    .ToDictionary(h => h.Id, h => h.SubmissionId);
                tied = [.. tied.OrderBy(i => keys[columns.Id(eligible[i])], StringComparer.Ordinal)];
            }
            poorTied = tied[..need];
            Array.Sort(poorTied);
        }
        int targeted = 0, included = 0, excludedPoor = 0;
        for (int i = 0, s = 0, t = 0; i < eligibleCount; i++)
        {
            var isSelected = s < selected.Count && selected[s] == i;
            if (isSelected)
                s++;
            var w = welfare[eligible[i]];
            if (!double.IsFinite(w))
                continue;
            var poor = false;
            if (poorCount > 0)
            {
                var c = w.CompareTo(line);
                if (c < 0)
                    poor = true;
                else if (c == 0 && t < poorTied.Length && poorTied[t] == i)
                {
                    poor = true;
                    t++;
                }
            }
            if (isSelected)
            {
                targeted++;
                if (!poor)
                    included++;
            }
            else if (poor)
            {
                excludedPoor++;
            }
        }
        return new TargetingErrors(withRef, poorShare, poorCount, targeted,
            targeted == 0 ? 0 : (double)included / targeted, poorCount == 0 ? 0 : (double)excludedPoor / poorCount);
    }

    /// <summary>
    /// The <paramref name="k"/>-th smallest (1-based) of the finite values marked in <paramref name="marked"/>, as
    /// a sort of the values would order them: sixteen bits of an order-preserving key at a time.
    /// </summary>
    internal static double KthSmallest(WelfareColumn values, ulong[] marked, int k)
    {
        var histogram = new int[1 << 16];
        ulong prefix = 0, mask = 0;
        for (var shift = 48; shift >= 0; shift -= 16)
        {
            Array.Clear(histogram);
            for (var word = 0; word < marked.Length; word++)
            {
                for (var bits = marked[word]; bits != 0; bits &= bits - 1)
                {
                    var key = Key(values[(word << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits)]);
                    if ((key & mask) == prefix)
                        histogram[(int)((key >> shift) & 0xffff)]++;
                }
            }
            var digit = 0;
            while (k > histogram[digit])
                k -= histogram[digit++];
            prefix |= (ulong)digit << shift;
            mask |= 0xffffUL << shift;
        }
        const ulong sign = 1UL << 63;
        var bitsOf = (prefix & sign) != 0 ? prefix ^ sign : ~prefix;
        return BitConverter.Int64BitsToDouble((long)bitsOf);
    }

    /// <summary>An unsigned key in the order of the finite doubles (−0 as 0, as comparison treats them).</summary>
    private static ulong Key(double value)
    {
        var bits = (ulong)BitConverter.DoubleToInt64Bits(value == 0 ? 0.0 : value);
        return (bits & (1UL << 63)) != 0 ? ~bits : bits | (1UL << 63);
    }
}
