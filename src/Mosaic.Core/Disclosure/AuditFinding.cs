namespace Mosaic.Core.Disclosure;

/// <summary>A suppressed cell whose feasible interval is narrower than its protection level.</summary>
/// <param name="Cell">Index in the <see cref="LinkedTable"/>.</param>
/// <param name="Layer">Which additive quantity (count, numerator, denominator, sum).</param>
/// <param name="Min">Smallest value the published cells allow.</param>
/// <param name="Max">Largest value the published cells allow (positive infinity when unbounded).</param>
/// <param name="Required">The protection level: the width the interval must keep.</param>
public sealed record AuditFinding(int Cell, string Layer, double Min, double Max, double Required)
{
    /// <summary>The width of the interval an intruder can prove for the cell: <see cref="Max"/> −
    /// <see cref="Min"/>.</summary>
    public double Width => Max - Min;
}
