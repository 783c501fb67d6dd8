namespace Mosaic.Core.Mobility;

/// <summary>What key informants reported for one population type at a location in a round.</summary>
/// <param name="Individuals">Total individuals; null when only households were reported.</param>
/// <param name="Males">Individuals who are male, where known (DTM <c>numberMales</c>).</param>
/// <param name="Females">Individuals who are female, where known (DTM <c>numberFemales</c>).</param>
public sealed record PopulationCount(PopulationType Type, long? Individuals, long? Households = null, long? Males = null, long? Females = null)
{
    /// <summary>Sex × age band cells, where known; empty otherwise.</summary>
    public IReadOnlyList<SexAgeCount> BySexAndAge { get; init; } = [];

    /// <summary>Value equality, comparing <see cref="BySexAndAge"/> element by element (a record compares list
    /// references).</summary>
    public bool Equals(PopulationCount? other) =>
        other is not null && Type == other.Type && Individuals == other.Individuals && Households == other.Households &&
        Males == other.Males && Females == other.Females && BySexAndAge.SequenceEqual(other.BySexAndAge);

    /// <summary>A hash consistent with <see cref="Equals(PopulationCount)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(Type, Individuals, Households, Males, Females, BySexAndAge.Count);
}
