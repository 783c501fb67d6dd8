namespace Mosaic.Core.Tabulation;

/// <summary>
/// One household as the snapshot stores it. Categorical values are code positions: 0 = missing, otherwise the
/// 1-based position of the code in its <see cref="Registry.Codes"/> list (see <see cref="SnapshotCodes"/>).
/// Yes/no answers are tri-state: 0 = missing, 1 = no, 2 = yes.
/// </summary>
/// <param name="RecordKey">The household's record key for cell-key perturbation (0 = the store keeps none).</param>
/// <param name="Id">The household's store id.</param>
/// <param name="ReferenceWelfare">The reference welfare (null = missing).</param>
/// <param name="SubmissionId">The submission id (scoring's tie-breaker; null only from a source that scores no household).</param>
/// <param name="Latitude">GPS latitude (null without a GPS point).</param>
/// <param name="Longitude">GPS longitude (null without a GPS point).</param>
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
    byte Shocks,
    uint RecordKey = 0,
    long Id = 0,
    double? ReferenceWelfare = null,
    string? SubmissionId = null,
    double? Latitude = null,
    double? Longitude = null);

/// <summary>One roster member as the snapshot stores it (codes as in <see cref="SnapshotHousehold"/>).</summary>
/// <param name="MoveMonth">Month of the move as <see cref="SnapshotCodes.MonthOf"/> encodes it (0 = no move date).</param>
/// <param name="RecordKey">The person's record key for cell-key perturbation (0 = the store keeps none).</param>
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
    byte EmployedNow,
    ushort MoveMonth = 0,
    uint RecordKey = 0);
