namespace Mosaic.Core.Registry;

/// <summary>
/// What a list shows of a household: its identifying fields, without members, answers or personal data. A target
/// list of a national registry reads these for its households only.
/// </summary>
/// <param name="Id">Store id.</param>
/// <param name="SubmissionId">Submission id (the idempotency key).</param>
/// <param name="HouseholdCode">Household code, if any.</param>
/// <param name="AreaPcode">P-code of the household's area.</param>
public sealed record ListedHousehold(long Id, string SubmissionId, string? HouseholdCode, string AreaPcode)
{
    /// <summary>The listed fields of a whole household.</summary>
    public static ListedHousehold Of(Household household)
    {
        ArgumentNullException.ThrowIfNull(household);
        return new ListedHousehold(household.Id, household.SubmissionId, household.HouseholdCode, household.AreaPcode);
    }
}
