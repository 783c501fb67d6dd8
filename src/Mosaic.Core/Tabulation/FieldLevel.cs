namespace Mosaic.Core.Tabulation;

/// <summary>Whether a field describes a household or a person (roster member).</summary>
public enum FieldLevel
{
    /// <summary>A household attribute (dwelling, income, shocks, area, …).</summary>
    Household = 0,
    /// <summary>A person attribute (sex, age, migratory status, disability, …).</summary>
    Person = 1,
}
