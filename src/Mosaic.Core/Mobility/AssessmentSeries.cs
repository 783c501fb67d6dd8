using Mosaic.Core.Mobility.Analysis;

namespace Mosaic.Core.Mobility;

/// <summary>
/// Identifies the series of rounds a record belongs to: the same dataset, operation, reporting level and
/// assessment type. Rounds only compare within one series (a site assessment's round 3 is unrelated to the
/// baseline's), and figures of two series are never added together.
/// </summary>
internal static class AssessmentSeries
{
    /// <summary>The location part: level and deepest code (or name when there is no code).</summary>
    public static string LocationKey(AssessmentLocation location) =>
        $"{location.AdminLevel}:{location.Pcode ?? "name:" + location.Name}";

    public static AssessmentKey KeyOf(LocationAssessment a) =>
        new(a.RecordId, a.Dataset, a.Operation, a.Type, LocationKey(a.Location), a.Round, a.ReportingDate, a.Location.AdminLevel);

    /// <summary>The series a key belongs to.</summary>
    public static SeriesKey Of(AssessmentKey k) => new(k.Dataset, k.Operation, k.AdminLevel, k.Type);
}
