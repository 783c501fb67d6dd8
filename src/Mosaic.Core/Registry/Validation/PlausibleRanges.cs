namespace Mosaic.Core.Registry.Validation;

/// <summary>
/// The ranges a registration value must lie in to be believed. The defaults fit any country; a mapping file's
/// <c>ranges</c> section narrows or widens them for one survey (a currency with large numbers, a displacement
/// that began on a known date). A value outside its range rejects the household, naming the cell.
/// </summary>
internal sealed record PlausibleRanges
{
    /// <summary>Default ranges: age 0–120, 1–50 members, amounts 0–1e12, dates from 1900-01-01 to today.</summary>
    public static PlausibleRanges Default { get; } = new();

    /// <summary>Age in whole years.</summary>
    public NumberRange Age { get; init; } = new(0, FieldRules.MaximumAge);

    /// <summary>Number of members (roster rows) of one household.</summary>
    public NumberRange HouseholdSize { get; init; } = new(1, 50);

    /// <summary>Plausible monthly income before the shock.</summary>
    public NumberRange IncomeBefore { get; init; } = NumberRange.Amount;

    /// <summary>Plausible monthly income now.</summary>
    public NumberRange IncomeNow { get; init; } = NumberRange.Amount;

    /// <summary>Plausible monthly remittances.</summary>
    public NumberRange RemittanceAmount { get; init; } = NumberRange.Amount;

    /// <summary>Plausible reference welfare (per-capita consumption).</summary>
    public NumberRange ReferenceWelfare { get; init; } = NumberRange.Amount;

    /// <summary>A member's move date.</summary>
    public DateRange MoveDate { get; init; } = DateRange.Any;

    /// <summary>The submission time's date.</summary>
    public DateRange SubmissionTime { get; init; } = DateRange.Any;
}

/// <summary>An inclusive range of numbers.</summary>
internal readonly record struct NumberRange(double Min, double Max)
{
    /// <summary>Any monthly amount in any currency: above 1e12 a value is a typing error such as <c>1e308</c>.</summary>
    public static NumberRange Amount { get; } = new(0, FieldRules.MaximumAmount);
}

/// <summary>An inclusive range of dates; a null <see cref="Max"/> means "today" (UTC, with a day's grace for time zones).</summary>
internal readonly record struct DateRange(DateOnly Min, DateOnly? Max)
{
    /// <summary>From <see cref="FieldRules.EarliestDate"/> to today.</summary>
    public static DateRange Any { get; } = new(FieldRules.EarliestDate, null);
}
