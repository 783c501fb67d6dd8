using Mosaic.Core.Registry.Forms;
using HH = Mosaic.Core.Registry.Forms.StandardForm.Household;
using M = Mosaic.Core.Registry.Forms.StandardForm.Member;

namespace Mosaic.Core.Registry.Import;

/// <summary>
/// The default mapping: every Mosaic field with the standard form's name first, then common names used by other
/// KoboToolbox / ODK forms (<c>KEY</c>, <c>instanceID</c>, <c>gender</c>, …).
/// </summary>
internal static class RegistrationFields
{
    private static readonly string[] s_yesNo = ["yes", "no"];
    private static readonly string[] s_washingtonGroup = ["1", "2", "3", "4"];

    /// <summary>Household fields indexed by <see cref="HouseholdField"/>.</summary>
    public static IReadOnlyList<RegistrationField> Household { get; } =
    [
        new(HH.Uuid, [HH.Uuid, "instanceID", HH.OdkKey, "_id"]),
        // The row link: Kobo's _index, ODK's KEY, or the uuid Kobo repeats carry as _submission__uuid.
        new(HH.Index, [HH.Index, HH.OdkKey, HH.Uuid]),
        new(HH.SubmissionTime, [HH.SubmissionTime, "SubmissionDate", "end"]),
        new(HH.Consent, [HH.Consent], s_yesNo),
        new(HH.HouseholdCode, [HH.HouseholdCode, "hhid", "household_id"]),
        new(HH.AreaPcode, [HH.AreaPcode, "pcode", "admin_pcode", "area_pcode"]),
        new(HH.Gps, [HH.Gps, "geopoint", "location"], IsGeopoint: true),
        new(HH.Dwelling, [HH.Dwelling], Codes(Registry.Codes.Dwelling)),
        new(HH.IncomeBefore, [HH.IncomeBefore]),
        new(HH.IncomeNow, [HH.IncomeNow]),
        new(HH.Remittances, [HH.Remittances], s_yesNo),
        new(HH.RemittanceAmount, [HH.RemittanceAmount]),
        new(HH.RemittanceChange, [HH.RemittanceChange], Codes(Registry.Codes.RemittanceChange)),
        new(HH.Debt, [HH.Debt], s_yesNo),
        new(HH.Savings, [HH.Savings], s_yesNo),
        new(HH.AssistanceReceived, [HH.AssistanceReceived], s_yesNo),
        new(HH.Shocks, [HH.Shocks], [.. Codes(Registry.Codes.Shock), Validation.FieldRules.NoShock]),
        new(HH.ReferenceWelfare, [HH.ReferenceWelfare]),
    ];

    /// <summary>Member fields indexed by <see cref="MemberField"/>.</summary>
    public static IReadOnlyList<RegistrationField> Member { get; } =
    [
        new(M.ParentIndex, [M.ParentIndex, M.OdkParentKey, "_submission__uuid"]),
        new(M.Name, [M.Name, "full_name", "member_name"]),
        new(M.Phone, [M.Phone, "phone_number"]),
        new(M.Sex, [M.Sex, "gender"], Codes(Registry.Codes.Sex)),
        new(M.Age, [M.Age, "age_years"]),
        new(M.Relation, [M.Relation, "relationship", "relation_to_head"], Codes(Registry.Codes.Relation)),
        new(M.MigratoryStatus, [M.MigratoryStatus, "migratory_status"], Codes(Registry.Codes.MigratoryStatus)),
        new(M.PreviousCountry, [M.PreviousCountry]),
        new(M.PreviousPcode, [M.PreviousPcode]),
        new(M.MoveDate, [M.MoveDate]),
        new(M.MoveReason, [M.MoveReason], Codes(Registry.Codes.MoveReason)),
        new(M.WgSeeing, [M.WgSeeing], s_washingtonGroup),
        new(M.WgHearing, [M.WgHearing], s_washingtonGroup),
        new(M.WgWalking, [M.WgWalking], s_washingtonGroup),
        new(M.WgRemembering, [M.WgRemembering], s_washingtonGroup),
        new(M.WgSelfCare, [M.WgSelfCare], s_washingtonGroup),
        new(M.WgCommunicating, [M.WgCommunicating], s_washingtonGroup),
        new(M.InSchool, [M.InSchool], s_yesNo),
        new(M.EmployedBefore, [M.EmployedBefore], s_yesNo),
        new(M.EmployedNow, [M.EmployedNow], s_yesNo),
    ];

    /// <summary>The WG-SS answer codes.</summary>
    public static IReadOnlyList<string> WashingtonGroupCodes => s_washingtonGroup;

    /// <summary>The name of the member repeat / sheet.</summary>
    public static string MembersSheet => StandardForm.MembersRepeat;

    private static string[] Codes<TEnum>(CodeList<TEnum> list) where TEnum : struct, Enum
    {
        var codes = new string[list.Entries.Count];
        for (var i = 0; i < codes.Length; i++)
            codes[i] = list.Entries[i].Code;
        return codes;
    }
}
