namespace Mosaic.Core.Indicators;

/// <summary>
/// A versioned indicator definition (DESIGN §2): what is counted (<see cref="Unit"/>), in which population
/// (<see cref="Filter"/>), how (<see cref="Measure"/>), optionally weighted, with its labels and framework tags.
/// Expressions use the standard form's field names; see <c>docs/user-guide/indicators.md</c>.
/// </summary>
public sealed record IndicatorDefinition
{
    public required string Id { get; init; }

    /// <summary>Bumped whenever the definition's meaning changes, so published tables can cite it.</summary>
    public int Version { get; init; } = 1;

    public required string Label { get; init; }

    public string? Description { get; init; }

    public IndicatorUnit Unit { get; init; }

    /// <summary>Condition on the units counted (the population; for a share, the denominator). Null = all.</summary>
    public string? Filter { get; init; }

    public required IndicatorMeasure Measure { get; init; }

    /// <summary>Optional numeric field with survey weights; estimates are weighted, contributors are not.</summary>
    public string? Weight { get; init; }

    /// <summary>HXL hashtag of the value column, e.g. <c>#population+returnees</c>.</summary>
    public string? Hxl { get; init; }

    public IndicatorTags Tags { get; init; } = new();

    /// <summary>Dimensions suggested for this indicator (documentation and the dashboard's default).</summary>
    public IReadOnlyList<string> SuggestedBy { get; init; } = [];
}
