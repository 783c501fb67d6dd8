namespace Mosaic.Core.Mobility.Analysis;

/// <summary>
/// A series of rounds: one dataset, operation, reporting level and assessment type. Figures of two series are
/// never added together: DTM publishes the same people at admin 0, 1 and 2, and an operation's baseline (BA) and
/// site (SA) assessments of one round count largely the same people.
/// </summary>
/// <remarks>
/// A value type in behaviour (equal when the four parts are), written as a class with its hash computed once:
/// summaries key dictionaries by series for every one of ~100,000 rows.
/// </remarks>
public sealed class SeriesKey(string dataset, string? operation, int reportingLevel, AssessmentType assessment) : IEquatable<SeriesKey>
{
    private readonly int _hash = HashCode.Combine(dataset, operation, reportingLevel, assessment);

    /// <summary>The source family (<c>dtm</c>, <c>hdx-hapi</c>, …).</summary>
    public string Dataset { get; } = dataset;

    /// <summary>The DTM operation, or null when the source names none.</summary>
    public string? Operation { get; } = operation;

    /// <summary>The admin level the series reports at.</summary>
    public int ReportingLevel { get; } = reportingLevel;

    /// <summary>The assessment type: different types are never added together.</summary>
    public AssessmentType Assessment { get; } = assessment;

    /// <summary>Whether both name the same series (ordinal comparison of the texts).</summary>
    public bool Equals(SeriesKey? other) =>
        ReferenceEquals(this, other) || (other is not null && _hash == other._hash && ReportingLevel == other.ReportingLevel &&
            Assessment == other.Assessment && Dataset == other.Dataset && Operation == other.Operation);

    /// <summary>Whether <paramref name="obj"/> is a key of the same series.</summary>
    public override bool Equals(object? obj) => Equals(obj as SeriesKey);

    /// <summary>A hash consistent with <see cref="Equals(SeriesKey)"/>, computed once.</summary>
    public override int GetHashCode() => _hash;

    /// <summary>The series in words, as messages and notes name it.</summary>
    public override string ToString() =>
        $"{Dataset} / {Operation ?? "(no operation)"} / adm{ReportingLevel} / {MobilityCodes.AssessmentType[Assessment]}";
}
