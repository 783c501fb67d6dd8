using System.Runtime.CompilerServices;
using Mosaic.Core.Registry;
using Npgsql;
using NpgsqlTypes;

namespace Mosaic.Storage.Postgres.Internal;

/// <summary>Writes optional values and registry rows to a binary <c>COPY</c>.</summary>
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Text(NpgsqlBinaryImporter w, string? value)
    {
        if (value is null)
            w.WriteNull();
        else
            w.Write(value, NpgsqlDbType.Text);
    }

    /// <summary>A person row: <c>household_id, adm1_pcode, record_key, {Person}</c>.</summary>
    public static void Person(NpgsqlBinaryImporter w, long householdId, string adm1, uint recordKey, Person m)
    {
        var wg = m.WashingtonGroup;
        w.StartRow();
        w.Write(householdId, NpgsqlDbType.Bigint);
        w.Write(adm1, NpgsqlDbType.Text);
        w.Write((long)recordKey, NpgsqlDbType.Bigint);
        w.Write(m.LineNumber, NpgsqlDbType.Integer);
        Text(w, m.Name);
        Text(w, m.Phone);
        w.Write(Codes.Sex[m.Sex], NpgsqlDbType.Text);
        Value(w, m.Age, NpgsqlDbType.Integer);
        w.Write(Codes.Relation[m.Relation], NpgsqlDbType.Text);
        w.Write(Codes.MigratoryStatus[m.MigratoryStatus], NpgsqlDbType.Text);
        Text(w, m.PreviousCountry);
        Text(w, m.PreviousPcode);
        Value(w, m.MoveDate, NpgsqlDbType.Date);
        Text(w, m.MoveReason is { } r ? Codes.MoveReason[r] : null);
        Wg(w, wg.Seeing);
        Wg(w, wg.Hearing);
        Wg(w, wg.Walking);
        Wg(w, wg.Remembering);
        Wg(w, wg.SelfCare);
        Wg(w, wg.Communicating);
        Value(w, m.Disability, NpgsqlDbType.Boolean);
        Value(w, m.InSchool, NpgsqlDbType.Boolean);
        Value(w, m.EmployedBefore, NpgsqlDbType.Boolean);
        Value(w, m.EmployedNow, NpgsqlDbType.Boolean);
    }

    private static void Wg(NpgsqlBinaryImporter w, byte? answer) => Value(w, answer is { } a ? (short)a : (short?)null, NpgsqlDbType.Smallint);

    /// <summary>A movement row in the staging column order.</summary>
    public static void Movement(NpgsqlBinaryImporter w, long householdId, string adm1, int line, int seq, Movement m)
    {
        w.StartRow();
        w.Write(householdId, NpgsqlDbType.Bigint);
        w.Write(adm1, NpgsqlDbType.Text);
        w.Write(line, NpgsqlDbType.Integer);
        w.Write(seq, NpgsqlDbType.Integer);
        Text(w, m.FromPcode);
        Text(w, m.FromCountry);
        w.Write(m.ToPcode, NpgsqlDbType.Text);
        Value(w, m.Date, NpgsqlDbType.Date);
        Text(w, m.Reason is { } r ? Codes.MoveReason[r] : null);
        w.Write(Codes.MigratoryStatus[m.StatusBefore], NpgsqlDbType.Text);
        w.Write(Codes.MigratoryStatus[m.StatusAfter], NpgsqlDbType.Text);
    }
}
