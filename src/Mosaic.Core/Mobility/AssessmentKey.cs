namespace Mosaic.Core.Mobility;

/// <summary>The fields that place an assessment in its series of rounds.</summary>
/// <param name="LocationKey">See <see cref="AssessmentSeries.LocationKey"/>.</param>
/// <param name="AdminLevel">The level the record is reported at (part of the series).</param>
public sealed record AssessmentKey(
    string RecordId, string Dataset, string? Operation, AssessmentType Type, string LocationKey, int Round, DateOnly ReportingDate, int AdminLevel);
