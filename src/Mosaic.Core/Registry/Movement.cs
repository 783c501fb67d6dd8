namespace Mosaic.Core.Registry;

/// <summary>An event in a person's displacement history.</summary>
/// <param name="FromPcode">Area of origin (P-code), when internal.</param>
/// <param name="FromCountry">Country of origin (ISO3), when from abroad.</param>
/// <param name="ToPcode">Area of destination.</param>
public sealed record Movement(
    string? FromPcode,
    string? FromCountry,
    string ToPcode,
    DateOnly? Date,
    MoveReason? Reason,
    MigratoryStatus StatusBefore,
    MigratoryStatus StatusAfter);
