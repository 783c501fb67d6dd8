using System.Globalization;
using Mosaic.Core.Registry;

namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>Maps households and persons to and from rows in <see cref="RegistryColumns"/> order.</summary>
internal static class RegistryRowMapper
{
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>The columns <see cref="ReadListedHousehold"/> reads, in order (the first four of <c>id, {Household}</c>).</summary>
    public const string ListedColumns = "id, submission_id, hh_code, area_pcode";

    /// <summary>Binds a household to parameters 1…n in <see cref="RegistryColumns.Household"/> order.</summary>
    public static void BindHousehold(RawStatement s, Household h)
    {
        s.Text(1, h.SubmissionId);
        s.Text(2, h.HouseholdCode);
        s.Code(3, h.AreaPcode);
        s.Formatted(4, h.SubmittedAt, "O");
        s.Double(5, h.Gps?.Latitude);
        s.Double(6, h.Gps?.Longitude);
        s.Double(7, h.Gps?.Altitude);
        s.Double(8, h.Gps?.Accuracy);
        s.Code(9, h.Dwelling is { } d ? Codes.Dwelling[d] : null);
        s.Double(10, h.IncomeBefore);
        s.Double(11, h.IncomeNow);
        s.Bool(12, h.Remittances);
        s.Double(13, h.RemittanceAmount);
        s.Code(14, h.RemittanceChange is { } rc ? Codes.RemittanceChange[rc] : null);
        s.Bool(15, h.Debt);
        s.Bool(16, h.Savings);
        s.Bool(17, h.AssistanceReceived);
        s.Long(18, (long)h.Shocks);
        s.Double(19, h.ReferenceWelfare);
    }

    /// <summary>
    /// Binds a person to parameters <paramref name="at"/>+1…<paramref name="at"/>+n in <see cref="RegistryColumns.Person"/>
    /// order (<paramref name="at"/> itself is the household id; a multi-row insert passes each row's first parameter).
    /// </summary>
    public static void BindPerson(RawStatement s, Person m, int at)
    {
        var wg = m.WashingtonGroup;
        s.Long(at + 1, m.LineNumber);
        s.Text(at + 2, m.Name);
        s.Text(at + 3, m.Phone);
        s.Code(at + 4, Codes.Sex[m.Sex]);
        s.Long(at + 5, m.Age);
        s.Code(at + 6, Codes.Relation[m.Relation]);
        s.Code(at + 7, Codes.MigratoryStatus[m.MigratoryStatus]);
        s.Code(at + 8, m.PreviousCountry);
        s.Code(at + 9, m.PreviousPcode);
        s.Formatted(at + 10, m.MoveDate, DateFormat);
        s.Code(at + 11, m.MoveReason is { } r ? Codes.MoveReason[r] : null);
        s.Long(at + 12, wg.Seeing);
        s.Long(at + 13, wg.Hearing);
        s.Long(at + 14, wg.Walking);
        s.Long(at + 15, wg.Remembering);
        s.Long(at + 16, wg.SelfCare);
        s.Long(at + 17, wg.Communicating);
        s.Bool(at + 18, m.Disability);
        s.Bool(at + 19, m.InSchool);
        s.Bool(at + 20, m.EmployedBefore);
        s.Bool(at + 21, m.EmployedNow);
    }

    /// <summary>Reads a household from columns <c>id, {Household}</c> of the current row.</summary>
    public static Household ReadHousehold<TRow>(TRow r, IReadOnlyList<Person> members) where TRow : struct, IRegistryRow
    {
        var lat = r.GetNullableDouble(5);
        var lon = r.GetNullableDouble(6);
        var submitted = r.GetNullableText(4);
        var dwelling = r.GetNullableText(9);
        var change = r.GetNullableText(14);
        return new Household
        {
            Id = r.GetLong(0),
            SubmissionId = r.GetText(1),
            HouseholdCode = r.GetNullableText(2),
            AreaPcode = r.GetText(3),
            SubmittedAt = submitted is null ? null : DateTimeOffset.Parse(submitted, CultureInfo.InvariantCulture),
            Gps = lat is { } la && lon is { } lo ? new GeoPoint(la, lo, r.GetNullableDouble(7), r.GetNullableDouble(8)) : null,
            Dwelling = dwelling is null ? null : Codes.Dwelling.Parse(dwelling),
            IncomeBefore = r.GetNullableDouble(10),
            IncomeNow = r.GetNullableDouble(11),
            Remittances = r.GetNullableBool(12),
            RemittanceAmount = r.GetNullableDouble(13),
            RemittanceChange = change is null ? null : Codes.RemittanceChange.Parse(change),
            Debt = r.GetNullableBool(15),
            Savings = r.GetNullableBool(16),
            AssistanceReceived = r.GetNullableBool(17),
            Shocks = (Shocks)r.GetLong(18),
            ReferenceWelfare = r.GetNullableDouble(19),
            Members = members,
        };
    }

    /// <summary>Reads a household's listed fields from columns <see cref="ListedColumns"/> of the current row.</summary>
    public static ListedHousehold ReadListedHousehold<TRow>(TRow r) where TRow : struct, IRegistryRow =>
        new(r.GetLong(0), r.GetText(1), r.GetNullableText(2), r.GetText(3));

    /// <summary>Reads a person from columns <c>household_id, {Person}</c> of the current row.</summary>
    public static Person ReadPerson<TRow>(TRow r) where TRow : struct, IRegistryRow
    {
        var moveDate = r.GetNullableText(10);
        var reason = r.GetNullableText(11);
        return new Person
        {
            LineNumber = checked((int)r.GetLong(1)),
            Name = r.GetNullableText(2),
            Phone = r.GetNullableText(3),
            Sex = Codes.Sex.Parse(r.GetText(4)),
            Age = r.IsNull(5) ? null : checked((int)r.GetLong(5)),
            Relation = Codes.Relation.Parse(r.GetText(6)),
            MigratoryStatus = Codes.MigratoryStatus.Parse(r.GetText(7)),
            PreviousCountry = r.GetNullableText(8),
            PreviousPcode = r.GetNullableText(9),
            MoveDate = moveDate is null ? null : DateOnly.ParseExact(moveDate, DateFormat, CultureInfo.InvariantCulture),
            MoveReason = reason is null ? null : Codes.MoveReason.Parse(reason),
            WashingtonGroup = new WashingtonGroupAnswers(
                WgRead(r, 12), WgRead(r, 13), WgRead(r, 14), WgRead(r, 15), WgRead(r, 16), WgRead(r, 17)),
            InSchool = r.GetNullableBool(19),
            EmployedBefore = r.GetNullableBool(20),
            EmployedNow = r.GetNullableBool(21),
        };
    }

    private static byte? WgRead<TRow>(TRow r, int i) where TRow : struct, IRegistryRow =>
        r.IsNull(i) ? null : (byte)checked((int)r.GetLong(i));
}
