namespace Mosaic.Core.Indicators;

/// <summary>What an indicator counts, and so who its contributors are for disclosure control.</summary>
public enum IndicatorUnit
{
    Person,
    Household,
}
