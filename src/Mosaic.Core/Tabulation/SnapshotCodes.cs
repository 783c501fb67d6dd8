using Mosaic.Core.Registry;

namespace Mosaic.Core.Tabulation;

/// <summary>Conversions between registry values and the snapshot's compact codes.</summary>
public static class SnapshotCodes
{
    /// <summary>The snapshot code of a value: its 1-based position in the code list, 0 when null.</summary>
    public static byte Of<TEnum>(CodeList<TEnum> list, TEnum? value) where TEnum : struct, Enum
    {
        if (value is not { } v)
            return 0;
        var entries = list.Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            if (EqualityComparer<TEnum>.Default.Equals(entries[i].Value, v))
                return (byte)(i + 1);
        }
        return 0;
    }

    /// <summary>Tri-state yes/no: 0 = missing, 1 = no, 2 = yes.</summary>
    public static byte Of(bool? value) => value switch { null => 0, false => 1, true => 2 };

    /// <summary>The row as the snapshot stores it.</summary>
    public static SnapshotHousehold Of(Household h) => new(
        h.AreaPcode, Of(Codes.Dwelling, h.Dwelling), h.IncomeBefore, h.IncomeNow, Of(h.Remittances), h.RemittanceAmount,
        Of(Codes.RemittanceChange, h.RemittanceChange), Of(h.Debt), Of(h.Savings), Of(h.AssistanceReceived), (byte)h.Shocks,
        Id: h.Id, ReferenceWelfare: h.ReferenceWelfare, SubmissionId: h.SubmissionId, Latitude: h.Gps?.Latitude, Longitude: h.Gps?.Longitude);

    /// <summary>The member as the snapshot stores it.</summary>
    public static SnapshotPerson Of(Person p) => new(
        Of(Codes.Sex, p.Sex), p.Age, Of(Codes.Relation, p.Relation), Of(Codes.MigratoryStatus, p.MigratoryStatus),
        p.PreviousCountry, Of(Codes.MoveReason, p.MoveReason), Of(p.Disability), Of(p.InSchool), Of(p.EmployedBefore), Of(p.EmployedNow),
        MonthOf(p.MoveDate));

    /// <summary>First year a move month can encode; earlier dates count as missing.</summary>
    public const int FirstMoveYear = 1900;

    /// <summary>
    /// A move date's month as a small number: months since December 1899 (1900-01 = 1), 0 when there is no date
    /// or it is out of range. Two bytes per person, and year and month dimensions are both lookups over it.
    /// </summary>
    public static ushort MonthOf(DateOnly? date) =>
        date is { } d && d.Year >= FirstMoveYear && (d.Year - FirstMoveYear) * 12 + d.Month <= ushort.MaxValue
            ? (ushort)((d.Year - FirstMoveYear) * 12 + d.Month)
            : (ushort)0;
}
