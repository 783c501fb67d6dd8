namespace Mosaic.Core.Indicators;

/// <summary>
/// A versioned indicator definition (DESIGN §2): what is counted (<see cref="Unit"/>), in which population
/// (<see cref="Filter"/>), how (<see cref="Measure"/>), optionally weighted, with its labels and framework tags.
/// Expressions use the standard form's field names; see <c>docs/user-guide/indicators.md</c>.
/// </summary>
public sealed record IndicatorDefinition
{
    /// <summary>Catalogue id, unique and stable (e.g. <c>population</c>): what <c>-i</c> names.</summary>
    public required string Id { get; init; }

    /// <summary>Bumped whenever the definition's meaning changes, so published tables can cite it.</summary>
    public int Version { get; init; } = 1;

    /// <summary>Short human label (a table's title).</summary>
    public required string Label { get; init; }

    /// <summary>What the indicator measures and how, in words; null when not given.</summary>
    public string? Description { get; init; }

    /// <summary>What it counts (persons or households), and so who the contributors of a cell are.</summary>
    public IndicatorUnit Unit { get; init; }

    /// <summary>Condition on the units counted (the population; for a share, the denominator). Null = all.</summary>
    public string? Filter { get; init; }

    /// <summary>How a cell's value is computed (a count, a sum or a share).</summary>
    public required IndicatorMeasure Measure { get; init; }

    /// <summary>Optional numeric field with survey weights; estimates are weighted, contributors are not.</summary>
    public string? Weight { get; init; }

    /// <summary>HXL hashtag of the value column, e.g. <c>#population+returnees</c>.</summary>
    public string? Hxl { get; init; }

    /// <summary>The SDG and GCM targets the indicator reports on.</summary>
    public IndicatorTags Tags { get; init; } = new();

    /// <summary>Dimensions suggested for this indicator (documentation and the dashboard's default).</summary>
    public IReadOnlyList<string> SuggestedBy { get; init; } = [];
}
