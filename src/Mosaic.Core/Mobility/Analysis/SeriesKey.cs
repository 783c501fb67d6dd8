namespace Mosaic.Core.Mobility.Analysis;

/// <summary>
/// A series of rounds: one dataset, operation, reporting level and assessment type. Figures of two series are
/// never added together: DTM publishes the same people at admin 0, 1 and 2, and an operation's baseline (BA) and
/// site (SA) assessments of one round count largely the same people.
/// </summary>
public sealed record SeriesKey(string Dataset, string? Operation, int ReportingLevel, AssessmentType Assessment)
{
    public override string ToString() =>
        $"{Dataset} / {Operation ?? "(no operation)"} / adm{ReportingLevel} / {MobilityCodes.AssessmentType[Assessment]}";
}
