namespace Mosaic.Core.Disclosure;

/// <summary>
/// What the primary rules look at, per cell of a <see cref="LinkedTable"/> (totals included). Inside Mosaic only:
/// none of these figures is published.
/// </summary>
/// <param name="Contributors">Units counted in the cell (persons or households; a share's denominator units).</param>
internal sealed record CellFacts(long[] Contributors)
{
    /// <summary>Distinct households among a person cell's contributors (null: not a person table, or the rule is off).</summary>
    public long[]? Households { get; init; }

    /// <summary>A share's numerator units (unweighted).</summary>
    public long[]? NumeratorContributors { get; init; }

    /// <summary>For sums and means: the largest and second largest absolute contribution of one unit.</summary>
    public double[]? Largest { get; init; }

    public double[]? SecondLargest { get; init; }

    /// <summary>For sums and means: the sum of absolute contributions (the base of the dominance and p% rules).</summary>
    public double[]? Magnitude { get; init; }
}
