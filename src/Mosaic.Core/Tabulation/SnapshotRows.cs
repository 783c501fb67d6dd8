namespace Mosaic.Core.Tabulation;

/// <summary>
/// One household as the snapshot stores it. Categorical values are code positions: 0 = missing, otherwise the
/// 1-based position of the code in its <see cref="Registry.Codes"/> list (see <see cref="SnapshotCodes"/>).
/// Yes/no answers are tri-state: 0 = missing, 1 = no, 2 = yes.
/// </summary>
public readonly record struct SnapshotHousehold(
    string AreaPcode,
    byte Dwelling,
    double? IncomeBefore,
    double? IncomeNow,
    byte Remittances,
    double? RemittanceAmount,
    byte RemittanceChange,
    byte Debt,
    byte Savings,
    byte AssistanceReceived,
    byte Shocks);

/// <summary>One roster member as the snapshot stores it (codes as in <see cref="SnapshotHousehold"/>).</summary>
public readonly record struct SnapshotPerson(
    byte Sex,
    int? Age,
    byte Relation,
    byte MigratoryStatus,
    string? PreviousCountry,
    byte MoveReason,
    byte Disability,
    byte InSchool,
    byte EmployedBefore,
    byte EmployedNow);
