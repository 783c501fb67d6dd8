namespace Mosaic.Core.Disclosure;

/// <summary>
/// One additive quantity of a table that an intruder can read off the published cells (a count, a share's numerator
/// or denominator, a sum), with the width each suppressed cell's feasible interval must keep.
/// </summary>
/// <param name="Name">For messages, e.g. <c>count</c>, <c>numerator</c>.</param>
/// <param name="Values">Per cell of the <see cref="LinkedTable"/>, totals included (true values; inside Mosaic only).</param>
/// <param name="PrimaryLevel">Required interval width of a cell when it is primary-suppressed.</param>
/// <param name="SecondaryLevel">Required interval width of a cell when it is secondary-suppressed.</param>
/// <param name="NonNegative">Whether the intruder may assume every inner cell is 0 or more (counts, non-negative sums).</param>
internal sealed record ProtectionLayer(string Name, double[] Values, double[] PrimaryLevel, double[] SecondaryLevel, bool NonNegative)
{
    /// <summary>
    /// Whether <see cref="Values"/> holds the true value of every cell, suppressed ones included (inside Mosaic), so the
    /// audit can check each interval contains it; false for a table read back from a file.
    /// </summary>
    public bool HoldsTrueValues { get; init; } = true;

    public double Level(int cell, CellStatus status) =>
        status == CellStatus.PrimarySuppressed ? PrimaryLevel[cell] : SecondaryLevel[cell];

    /// <summary>A count layer: every suppressed cell needs an interval of at least K units (K times the mean weight when weighted).</summary>
    public static ProtectionLayer Count(string name, double[] values, long[] contributors, int k)
    {
        var level = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
            level[i] = contributors[i] > 0 ? k * values[i] / contributors[i] : k;
        return new ProtectionLayer(name, values, level, level, AllInnerNonNegative(values));
    }

    /// <summary>Whether the values (totals included) are all 0 or more, so an intruder may assume non-negativity.</summary>
    public static bool AllInnerNonNegative(double[] values)
    {
        foreach (var v in values)
        {
            if (v < 0)
                return false;
        }
        return true;
    }
}
