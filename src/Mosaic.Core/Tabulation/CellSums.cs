namespace Mosaic.Core.Tabulation;

/// <summary>The counting pass's per-cell arrays (dense over the dimensions' full cardinalities, no totals).</summary>
internal sealed record CellSums(long[] Contributors, double[] Numerator, double[] Denominator)
{
    /// <summary>Shares: numerator units, unweighted.</summary>
    public long[]? NumeratorContributors { get; init; }

    /// <summary>Sums and means: the two largest absolute contributions and the sum of absolute contributions.</summary>
    public double[]? Largest { get; init; }

    public double[]? SecondLargest { get; init; }

    public double[]? Magnitude { get; init; }

    /// <summary>Person tables with the household rule: distinct households per cell, over the dimensions extended by their totals.</summary>
    public long[]? Households { get; init; }
}
