namespace Mosaic.Core.Registry;

/// <summary>A member of a household roster.</summary>
public sealed record Person
{
    /// <summary>Position on the roster, 1-based, stable across imports of the same submission.</summary>
    public int LineNumber { get; init; }

    /// <summary>Personal data: readable only by allowed roles.</summary>
    public string? Name { get; init; }

    /// <summary>Personal data: readable only by allowed roles.</summary>
    public string? Phone { get; init; }

    public Sex Sex { get; init; }

    /// <summary>Age in completed years, 0–120; null when missing.</summary>
    public int? Age { get; init; }

    public Relation Relation { get; init; }

    public MigratoryStatus MigratoryStatus { get; init; }

    /// <summary>ISO3 code of the country of previous residence (returnees, migrants).</summary>
    public string? PreviousCountry { get; init; }

    /// <summary>P-code of the area of previous residence (IDPs, internal migrants).</summary>
    public string? PreviousPcode { get; init; }

    /// <summary>Date of arrival or return.</summary>
    public DateOnly? MoveDate { get; init; }

    public MoveReason? MoveReason { get; init; }

    public WashingtonGroupAnswers WashingtonGroup { get; init; }

    public bool? InSchool { get; init; }

    public bool? EmployedBefore { get; init; }

    public bool? EmployedNow { get; init; }

    /// <summary>WG-SS disability identifier (age 5+ only).</summary>
    public bool? Disability => WashingtonGroup.Disability(Age);
}
