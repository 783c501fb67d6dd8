using Mosaic.Core.Registry;
using Npgsql;

namespace Mosaic.Storage.Postgres.Internal;

/// <summary>Maps households and persons from rows in <see cref="RegistrySql"/> column order.</summary>
internal static class RegistryRows
{
    /// <summary>Reads a household from columns <c>id, {Household}</c>.</summary>
    public static Household ReadHousehold(NpgsqlDataReader r, IReadOnlyList<Person> members)
    {
        var lat = r.GetNullableDouble(5);
        var lon = r.GetNullableDouble(6);
        var dwelling = r.GetNullableString(9);
        var change = r.GetNullableString(14);
        return new Household
        {
            Id = r.GetInt64(0),
            SubmissionId = r.GetString(1),
            HouseholdCode = r.GetNullableString(2),
            AreaPcode = r.GetString(3),
            SubmittedAt = r.GetNullableInstant(4),
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
            Shocks = (Shocks)r.GetInt32(18),
            ReferenceWelfare = r.GetNullableDouble(19),
            Members = members,
        };
    }

    /// <summary>Reads a person from columns <c>household_id, {Person}</c>.</summary>
    public static Person ReadPerson(NpgsqlDataReader r)
    {
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
            MoveDate = r.GetNullableDate(10),
            MoveReason = reason is null ? null : Codes.MoveReason.Parse(reason),
            WashingtonGroup = new WashingtonGroupAnswers(Wg(r, 12), Wg(r, 13), Wg(r, 14), Wg(r, 15), Wg(r, 16), Wg(r, 17)),
            InSchool = r.GetNullableBool(19),
            EmployedBefore = r.GetNullableBool(20),
            EmployedNow = r.GetNullableBool(21),
        };
    }

    private static byte? Wg(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : (byte)r.GetInt16(i);
}
