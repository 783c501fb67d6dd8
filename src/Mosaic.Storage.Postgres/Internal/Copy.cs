using System.Runtime.CompilerServices;
using Mosaic.Core.Registry;
using Npgsql;
using NpgsqlTypes;

namespace Mosaic.Storage.Postgres.Internal;

/// <summary>Writes optional values to a binary <c>COPY</c> and registry rows to a raw one (<see cref="CopyRows"/>).</summary>
internal static class Copy
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Value<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } v)
            w.Write(v, type);
        else
            w.WriteNull();
    }

    /// <summary>Fields of a person row (<see cref="Person"/>).</summary>
    public const short PersonFields = 24;

    /// <summary>Fields of a movement row (<see cref="Movement"/>).</summary>
    public const short MovementFields = 11;

    /// <summary>The fields of a person row, once the caller started it: <c>household_id, adm1_pcode, record_key, {Person}</c>.</summary>
    public static void Person(CopyRows w, long householdId, string adm1, uint recordKey, Person m)
    {
        var wg = m.WashingtonGroup;
        w.Bigint(householdId);
        w.Text(adm1);
        w.Bigint(recordKey);
        w.Integer(m.LineNumber);
        w.Text(m.Name);
        w.Text(m.Phone);
        w.Text(Codes.Sex[m.Sex]);
        w.Integer(m.Age);
        w.Text(Codes.Relation[m.Relation]);
        w.Text(Codes.MigratoryStatus[m.MigratoryStatus]);
        w.Text(m.PreviousCountry);
        w.Text(m.PreviousPcode);
        w.Date(m.MoveDate);
        w.Text(m.MoveReason is { } r ? Codes.MoveReason[r] : null);
        w.Smallint(wg.Seeing);
        w.Smallint(wg.Hearing);
        w.Smallint(wg.Walking);
        w.Smallint(wg.Remembering);
        w.Smallint(wg.SelfCare);
        w.Smallint(wg.Communicating);
        w.Boolean(m.Disability);
        w.Boolean(m.InSchool);
        w.Boolean(m.EmployedBefore);
        w.Boolean(m.EmployedNow);
    }

    /// <summary>The fields of a movement row in the staging column order, once the caller started it.</summary>
    public static void Movement(CopyRows w, long householdId, string adm1, int line, int seq, Movement m)
    {
        w.Bigint(householdId);
        w.Text(adm1);
        w.Integer(line);
        w.Integer(seq);
        w.Text(m.FromPcode);
        w.Text(m.FromCountry);
        w.Text(m.ToPcode);
        w.Date(m.Date);
        w.Text(m.Reason is { } r ? Codes.MoveReason[r] : null);
        w.Text(Codes.MigratoryStatus[m.StatusBefore]);
        w.Text(Codes.MigratoryStatus[m.StatusAfter]);
    }
}
