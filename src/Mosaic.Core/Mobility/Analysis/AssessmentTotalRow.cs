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
    long? Households);
