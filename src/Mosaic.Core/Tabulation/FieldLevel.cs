namespace Mosaic.Core.Tabulation;

/// <summary>Whether a field describes a household or a person (roster member).</summary>
public enum FieldLevel
{
    Household = 0,
    Person = 1,
}
