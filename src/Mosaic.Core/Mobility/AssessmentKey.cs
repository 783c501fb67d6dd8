namespace Mosaic.Core.Mobility;

/// <summary>The fields that place an assessment in a location's sequence of rounds.</summary>
/// <param name="LocationKey">See <see cref="AssessmentSeries.LocationKey"/>.</param>
public sealed record AssessmentKey(string RecordId, string Dataset, string? Operation, AssessmentType Type, string LocationKey, int Round, DateOnly ReportingDate);
