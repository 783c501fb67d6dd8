namespace Mosaic.Core.Registry.Import;

/// <summary>Member-level Mosaic fields an input column can map to (slots of <see cref="RegistrationFields.Member"/>).</summary>
internal enum MemberField
{
    ParentLink,
    Name,
    Phone,
    Sex,
    Age,
    Relation,
    MigratoryStatus,
    PreviousCountry,
    PreviousPcode,
    MoveDate,
    MoveReason,
    WgSeeing,
    WgHearing,
    WgWalking,
    WgRemembering,
    WgSelfCare,
    WgCommunicating,
    InSchool,
    EmployedBefore,
    EmployedNow,
}
