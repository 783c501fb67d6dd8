namespace Mosaic.Core.Indicators;

/// <summary>How an indicator's value is computed over the units in a cell.</summary>
public enum MeasureKind
{
    /// <summary>Number of units (weighted when the indicator has a weight).</summary>
    Count,

    /// <summary>Sum of a numeric expression.</summary>
    Sum,

    /// <summary>Mean of a numeric expression over units where it is known.</summary>
    Mean,

    /// <summary>Units meeting the numerator condition over the units in the population (the denominator).</summary>
    Share,
}
