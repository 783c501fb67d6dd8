namespace Mosaic.Core.Mobility.Analysis;

/// <summary>One assessment's total for one population type: the slim row summaries work on.</summary>
/// <param name="AreaPcode">Linked area, or null when the location's P-code is unknown.</param>
/// <param name="Admin0Pcode">Source admin codes, used when the location is not linked to an area.</param>
public sealed record AssessmentTotalRow(
    string Dataset,
    string? Operation,
    int AdminLevel,
    int Round,
    DateOnly ReportingDate,
    string LocationKey,
    string? LocationName,
    string? AreaPcode,
    string? Admin0Pcode,
    string? Admin1Pcode,
    string? Admin2Pcode,
    PopulationType Type,
    long? Individuals,
    long? Households)
{
    /// <summary>The assessment type: part of the series, since baseline and site rounds never add up.</summary>
    public AssessmentType Assessment { get; init; }

    /// <summary>The source's country name (names a country row when the P-code table has no level 0).</summary>
    public string? Admin0Name { get; init; }

    /// <summary>The source's admin 1 name.</summary>
    public string? Admin1Name { get; init; }

    /// <summary>The source's admin 2 name.</summary>
    public string? Admin2Name { get; init; }

    /// <summary>The series the row belongs to.</summary>
    public SeriesKey Series => new(Dataset, Operation, AdminLevel, Assessment);

    /// <summary>The source's own name for the admin area of a level (0–2), or null.</summary>
    public string? AdminName(int level) => level switch
    {
        0 => Admin0Name,
        1 => Admin1Name,
        2 => Admin2Name,
        _ => level == AdminLevel ? LocationName : null,
    };
}
