using System.Globalization;
using Mosaic.Core.Registry.Forms;
using F = Mosaic.Core.Registry.Forms.StandardForm;

namespace Mosaic.Core.Registry.Export;

/// <summary>
/// The columns of a Kobo-style export of the standard form and the cells of a household or member row:
/// codes as on the form, yes/no as <c>yes</c>/<c>no</c>, ISO dates, the Kobo geopoint, empty = missing.
/// </summary>
internal static class KoboExportColumns
{
    public static IReadOnlyList<string> Household { get; } =
    [
        F.Household.Index, F.Household.Uuid, F.Household.SubmissionTime, F.Household.Consent, F.Household.HouseholdCode,
        F.Household.AreaPcode, F.Household.Gps, F.Household.Dwelling, F.Household.IncomeBefore, F.Household.IncomeNow,
        F.Household.Remittances, F.Household.RemittanceAmount, F.Household.RemittanceChange, F.Household.Debt,
        F.Household.Savings, F.Household.AssistanceReceived, F.Household.Shocks, F.Household.ReferenceWelfare,
    ];

    public static IReadOnlyList<string> Member { get; } =
    [
        F.Member.Index, F.Member.ParentIndex, F.Member.ParentTableName, F.Member.Name, F.Member.Phone, F.Member.Sex,
        F.Member.Age, F.Member.Relation, F.Member.MigratoryStatus, F.Member.PreviousCountry, F.Member.PreviousPcode,
        F.Member.MoveDate, F.Member.MoveReason, F.Member.WgSeeing, F.Member.WgHearing, F.Member.WgWalking,
        F.Member.WgRemembering, F.Member.WgSelfCare, F.Member.WgCommunicating, F.Member.InSchool,
        F.Member.EmployedBefore, F.Member.EmployedNow,
    ];

    /// <summary>Fills <paramref name="row"/> (length <see cref="Household"/>.Count) with a household's cells.</summary>
    /// <param name="index">The household's 1-based <c>_index</c>.</param>
    public static void HouseholdRow(Household h, long index, ExportCell[] row)
    {
        var c = CultureInfo.InvariantCulture;
        row[0] = ExportCell.Of(index);
        row[1] = h.SubmissionId;
        // Kobo's _submission_time is UTC without an offset.
        row[2] = h.SubmittedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", c);
        row[3] = "yes";
        row[4] = h.HouseholdCode;
        row[5] = h.AreaPcode;
        row[6] = h.Gps is { } g ? FormatGps(g) : null;
        row[7] = h.Dwelling is { } d ? Codes.Dwelling[d] : null;
        row[8] = ExportCell.Of(h.IncomeBefore);
        row[9] = ExportCell.Of(h.IncomeNow);
        row[10] = Codes.YesNo(h.Remittances);
        row[11] = ExportCell.Of(h.RemittanceAmount);
        row[12] = h.RemittanceChange is { } rc ? Codes.RemittanceChange[rc] : null;
        row[13] = Codes.YesNo(h.Debt);
        row[14] = Codes.YesNo(h.Savings);
        row[15] = Codes.YesNo(h.AssistanceReceived);
        row[16] = h.Shocks == Shocks.None ? null : Codes.FormatShocks(h.Shocks);
        row[17] = ExportCell.Of(h.ReferenceWelfare);
    }

    /// <summary>Fills <paramref name="row"/> (length <see cref="Member"/>.Count) with a member's cells.</summary>
    public static void MemberRow(Person p, long index, long parentIndex, ExportCell[] row)
    {
        row[0] = ExportCell.Of(index);
        row[1] = ExportCell.Of(parentIndex);
        row[2] = StandardForm.FormId;
        row[3] = p.Name;
        row[4] = p.Phone;
        row[5] = p.Sex == Sex.Unknown ? null : Codes.Sex[p.Sex];
        row[6] = ExportCell.Of(p.Age);
        row[7] = Codes.Relation[p.Relation];
        row[8] = Codes.MigratoryStatus[p.MigratoryStatus];
        row[9] = p.PreviousCountry;
        row[10] = p.PreviousPcode;
        row[11] = p.MoveDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        row[12] = p.MoveReason is { } mr ? Codes.MoveReason[mr] : null;
        var wg = p.WashingtonGroup;
        row[13] = ExportCell.Of(wg.Seeing);
        row[14] = ExportCell.Of(wg.Hearing);
        row[15] = ExportCell.Of(wg.Walking);
        row[16] = ExportCell.Of(wg.Remembering);
        row[17] = ExportCell.Of(wg.SelfCare);
        row[18] = ExportCell.Of(wg.Communicating);
        row[19] = Codes.YesNo(p.InSchool);
        row[20] = Codes.YesNo(p.EmployedBefore);
        row[21] = Codes.YesNo(p.EmployedNow);
    }

    /// <summary>A Kobo geopoint: <c>"lat lon alt accuracy"</c> (round-trip number formatting).</summary>
    public static string FormatGps(GeoPoint g)
    {
        var c = CultureInfo.InvariantCulture;
        return string.Join(' ', g.Latitude.ToString("R", c), g.Longitude.ToString("R", c),
            (g.Altitude ?? 0).ToString("R", c), (g.Accuracy ?? 0).ToString("R", c));
    }
}
