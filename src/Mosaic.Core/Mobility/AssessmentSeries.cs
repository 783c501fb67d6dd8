namespace Mosaic.Core.Mobility;

/// <summary>
/// Identifies the sequence of rounds a record belongs to: the same dataset, operation, assessment type and
/// location. Rounds only compare within one series (a site assessment's round 3 is unrelated to the baseline's).
/// </summary>
public static class AssessmentSeries
{
    /// <summary>The location part: level and deepest code (or name when there is no code).</summary>
    public static string LocationKey(AssessmentLocation location) =>
        $"{location.AdminLevel}:{location.Pcode ?? "name:" + location.Name}";

    public static AssessmentKey KeyOf(LocationAssessment a) =>
        new(a.RecordId, a.Dataset, a.Operation, a.Type, LocationKey(a.Location), a.Round, a.ReportingDate);

    /// <summary>The series a key belongs to.</summary>
    public static (string Dataset, string? Operation, AssessmentType Type, string Location) Of(AssessmentKey k) =>
        (k.Dataset, k.Operation, k.Type, k.LocationKey);
}
