using System.Globalization;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Registry;

namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>Maps households and persons to and from rows in <see cref="RegistryColumns"/> order.</summary>
internal static class RegistryRowMapper
{
    private const string DateFormat = "yyyy-MM-dd";

    public static void BindHousehold(SqliteParameterCollection p, Household h)
    {
        p[0].Value = h.SubmissionId;
        p[1].Value = h.HouseholdCode.Db();
        p[2].Value = h.AreaPcode;
        p[3].Value = h.SubmittedAt?.ToString("O", CultureInfo.InvariantCulture).Db() ?? DBNull.Value;
        p[4].Value = h.Gps is { } g ? g.Latitude : DBNull.Value;
        p[5].Value = h.Gps is { } g2 ? g2.Longitude : DBNull.Value;
        p[6].Value = h.Gps?.Altitude.Db() ?? DBNull.Value;
        p[7].Value = h.Gps?.Accuracy.Db() ?? DBNull.Value;
        p[8].Value = h.Dwelling is { } d ? Codes.Dwelling[d] : DBNull.Value;
        p[9].Value = h.IncomeBefore.Db();
        p[10].Value = h.IncomeNow.Db();
        p[11].Value = h.Remittances.Db();
        p[12].Value = h.RemittanceAmount.Db();
        p[13].Value = h.RemittanceChange is { } rc ? Codes.RemittanceChange[rc] : DBNull.Value;
        p[14].Value = h.Debt.Db();
        p[15].Value = h.Savings.Db();
        p[16].Value = h.AssistanceReceived.Db();
        p[17].Value = (long)h.Shocks;
        p[18].Value = h.ReferenceWelfare.Db();
    }

    /// <summary>Binds a person to parameters starting at <paramref name="o"/> (after the household id).</summary>
    public static void BindPerson(SqliteParameterCollection p, int o, Person m)
    {
        var wg = m.WashingtonGroup;
        p[o + 0].Value = m.LineNumber;
        p[o + 1].Value = m.Name.Db();
        p[o + 2].Value = m.Phone.Db();
        p[o + 3].Value = Codes.Sex[m.Sex];
        p[o + 4].Value = m.Age.Db();
        p[o + 5].Value = Codes.Relation[m.Relation];
        p[o + 6].Value = Codes.MigratoryStatus[m.MigratoryStatus];
        p[o + 7].Value = m.PreviousCountry.Db();
        p[o + 8].Value = m.PreviousPcode.Db();
        p[o + 9].Value = m.MoveDate?.ToString(DateFormat, CultureInfo.InvariantCulture).Db() ?? DBNull.Value;
        p[o + 10].Value = m.MoveReason is { } r ? Codes.MoveReason[r] : DBNull.Value;
        p[o + 11].Value = Wg(wg.Seeing);
        p[o + 12].Value = Wg(wg.Hearing);
        p[o + 13].Value = Wg(wg.Walking);
        p[o + 14].Value = Wg(wg.Remembering);
        p[o + 15].Value = Wg(wg.SelfCare);
        p[o + 16].Value = Wg(wg.Communicating);
        p[o + 17].Value = m.Disability.Db();
        p[o + 18].Value = m.InSchool.Db();
        p[o + 19].Value = m.EmployedBefore.Db();
        p[o + 20].Value = m.EmployedNow.Db();
    }

    private static object Wg(byte? v) => v is null ? DBNull.Value : (long)v.Value;

    /// <summary>Reads a household from columns <c>id, {Household}</c>.</summary>
    public static Household ReadHousehold(SqliteDataReader r, IReadOnlyList<Person> members)
    {
        var lat = r.GetNullableDouble(5);
        var lon = r.GetNullableDouble(6);
        var submitted = r.GetNullableString(4);
        var dwelling = r.GetNullableString(9);
        var change = r.GetNullableString(14);
        return new Household
        {
            Id = r.GetInt64(0),
            SubmissionId = r.GetString(1),
            HouseholdCode = r.GetNullableString(2),
            AreaPcode = r.GetString(3),
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
            Shocks = (Shocks)r.GetInt64(18),
            ReferenceWelfare = r.GetNullableDouble(19),
            Members = members,
        };
    }

    /// <summary>Reads a person from columns <c>household_id, {Person}</c>.</summary>
    public static Person ReadPerson(SqliteDataReader r)
    {
        var moveDate = r.GetNullableString(10);
        var reason = r.GetNullableString(11);
        return new Person
        {
            LineNumber = r.GetInt32(1),
            Name = r.GetNullableString(2),
            Phone = r.GetNullableString(3),
            Sex = Codes.Sex.Parse(r.GetString(4)),
            Age = r.GetNullableInt(5),
            Relation = Codes.Relation.Parse(r.GetString(6)),
            MigratoryStatus = Codes.MigratoryStatus.Parse(r.GetString(7)),
            PreviousCountry = r.GetNullableString(8),
            PreviousPcode = r.GetNullableString(9),
            MoveDate = moveDate is null ? null : DateOnly.ParseExact(moveDate, DateFormat, CultureInfo.InvariantCulture),
            MoveReason = reason is null ? null : Codes.MoveReason.Parse(reason),
            WashingtonGroup = new WashingtonGroupAnswers(
                WgRead(r, 12), WgRead(r, 13), WgRead(r, 14), WgRead(r, 15), WgRead(r, 16), WgRead(r, 17)),
            InSchool = r.GetNullableBool(19),
            EmployedBefore = r.GetNullableBool(20),
            EmployedNow = r.GetNullableBool(21),
        };
    }

    private static byte? WgRead(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : (byte)r.GetInt32(i);
}
