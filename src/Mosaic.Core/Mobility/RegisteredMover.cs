using Mosaic.Core.Registry;

namespace Mosaic.Core.Mobility;

/// <summary>
/// A registered person who moved: the registry side of the mobility views, one row per person. This is the
/// row source for tabulating movers by area, move month, status, sex, age and disability with disclosure
/// control; it carries no names or other personal data.
/// </summary>
/// <param name="AreaPcode">Area of the person's household (where they live now).</param>
/// <param name="RecordKey">The person's record key for cell-key perturbation (0 = the store keeps none).</param>
public sealed record RegisteredMover(
    string AreaPcode,
    DateOnly MoveDate,
    MigratoryStatus Status,
    Sex Sex,
    int? Age,
    bool? Disability,
    string? PreviousCountry,
    string? PreviousPcode,
    MoveReason? Reason,
    uint RecordKey = 0)
{
    /// <summary>Month of the move, <c>yyyy-MM</c>.</summary>
    public string MoveMonth => MoveDate.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The population type the status corresponds to, or null for statuses that are not counted as mobile.</summary>
    public PopulationType? PopulationType => ToPopulationType(Status);

    /// <summary>Maps a migratory status to an assessment population type (null for non-mobile statuses).</summary>
    public static PopulationType? ToPopulationType(MigratoryStatus status) => status switch
    {
        MigratoryStatus.Idp => Mobility.PopulationType.Idp,
        MigratoryStatus.IdpReturnee => Mobility.PopulationType.IdpReturnee,
        MigratoryStatus.Returnee => Mobility.PopulationType.Returnee,
        MigratoryStatus.InternationalMigrant => Mobility.PopulationType.InternationalMigrant,
        MigratoryStatus.Refugee => Mobility.PopulationType.Refugee,
        _ => null,
    };
}
