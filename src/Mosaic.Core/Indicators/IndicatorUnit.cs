namespace Mosaic.Core.Indicators;

/// <summary>What an indicator counts, and so who its contributors are for disclosure control.</summary>
public enum IndicatorUnit
{
    /// <summary>Counts persons: each roster member is a contributor.</summary>
    Person,
    /// <summary>Counts households: each household is a contributor.</summary>
    Household,
}
