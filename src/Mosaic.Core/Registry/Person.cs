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

    /// <summary>Sex as recorded; <see cref="Sex.Unknown"/> when missing.</summary>
    public Sex Sex { get; init; }

    /// <summary>Age in completed years, 0–120; null when missing.</summary>
    public int? Age { get; init; }

    /// <summary>Relation to the head of household.</summary>
    public Relation Relation { get; init; }

    /// <summary>Migratory status; <see cref="MigratoryStatus.Unknown"/> when missing.</summary>
    public MigratoryStatus MigratoryStatus { get; init; }

    /// <summary>ISO3 code of the country of previous residence (returnees, migrants).</summary>
    public string? PreviousCountry { get; init; }

    /// <summary>P-code of the area of previous residence (IDPs, internal migrants).</summary>
    public string? PreviousPcode { get; init; }

    /// <summary>Date of arrival or return.</summary>
    public DateOnly? MoveDate { get; init; }

    /// <summary>Main reason for the last move; null when not asked or not answered.</summary>
    public MoveReason? MoveReason { get; init; }

    /// <summary>Answers to the Washington Group short set (asked from age 5).</summary>
    public WashingtonGroupAnswers WashingtonGroup { get; init; }

    /// <summary>Whether the person attends school; null when not answered.</summary>
    public bool? InSchool { get; init; }

    /// <summary>Whether the person was employed before the shock; null when not answered.</summary>
    public bool? EmployedBefore { get; init; }

    /// <summary>Whether the person is employed now; null when not answered.</summary>
    public bool? EmployedNow { get; init; }

    /// <summary>WG-SS disability identifier (age 5+ only).</summary>
    public bool? Disability => WashingtonGroup.Disability(Age);
}
