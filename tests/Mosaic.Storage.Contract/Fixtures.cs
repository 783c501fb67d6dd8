using Mosaic.Core.Areas;
using Mosaic.Core.Registry;

namespace Mosaic.Storage.Contract;

/// <summary>Small, hand-made registry data shared by the store contract suite and other tests.</summary>
public static class Fixtures
{
    /// <summary>Bangladesh → Rangpur → Kurigram → Chilmari → two unions; plus an unrelated district.</summary>
    public static IReadOnlyList<Area> Areas { get; } =
    [
        new("BGD", "Bangladesh", 0, null) { CountryCode = "BGD" },
        new("BD55", "Rangpur", 1, "BGD") { CountryCode = "BGD" },
        new("BD5549", "Kurigram", 2, "BD55") { CountryCode = "BGD" },
        new("BD5527", "Dinajpur", 2, "BD55") { CountryCode = "BGD" },
        new("BD554909", "Chilmari", 3, "BD5549") { CountryCode = "BGD" },
        new("BD55490917", "Ashtamir Char", 4, "BD554909") { CountryCode = "BGD" },
        new("BD55490959", "Ramna", 4, "BD554909") { CountryCode = "BGD" },
    ];

    public static Person Member(int line, Sex sex, int? age, Relation relation, MigratoryStatus status = MigratoryStatus.NonMigrant) => new()
    {
        LineNumber = line,
        Name = $"Member {line}",
        Sex = sex,
        Age = age,
        Relation = relation,
        MigratoryStatus = status,
    };

    /// <summary>A returnee family in Ashtamir Char with a member with a disability.</summary>
    public static Household ReturneeFamily(string submissionId = "uuid-returnee-1") => new()
    {
        SubmissionId = submissionId,
        HouseholdCode = "HH-001",
        AreaPcode = "BD55490917",
        SubmittedAt = new DateTimeOffset(2026, 9, 14, 10, 30, 0, TimeSpan.FromHours(6)),
        Gps = new GeoPoint(25.5741, 89.6712, 21, 4.5),
        Dwelling = Dwelling.Temporary,
        IncomeBefore = 18000,
        IncomeNow = 6000,
        Remittances = true,
        RemittanceAmount = 0,
        RemittanceChange = RemittanceChange.Stopped,
        Debt = true,
        Savings = false,
        AssistanceReceived = false,
        Shocks = Shocks.Flood | Shocks.JobLoss,
        Members =
        [
            Member(1, Sex.Male, 38, Relation.Head, MigratoryStatus.Returnee) with
            {
                PreviousCountry = "SAU",
                MoveDate = new DateOnly(2026, 5, 2),
                MoveReason = MoveReason.JobLoss,
                EmployedBefore = true,
                EmployedNow = false,
                WashingtonGroup = new WashingtonGroupAnswers(1, 1, 3, 1, 1, 1),
            },
            Member(2, Sex.Female, 31, Relation.Spouse),
            Member(3, Sex.Female, 9, Relation.Child) with { InSchool = true },
            Member(4, Sex.Male, 2, Relation.Child),
        ],
    };

    /// <summary>An IDP household displaced by erosion, in Ramna.</summary>
    public static Household DisplacedFamily(string submissionId = "uuid-idp-1") => new()
    {
        SubmissionId = submissionId,
        AreaPcode = "BD55490959",
        Dwelling = Dwelling.None,
        IncomeBefore = 9000,
        IncomeNow = 4000,
        Remittances = false,
        Shocks = Shocks.Erosion,
        Members =
        [
            Member(1, Sex.Female, 45, Relation.Head, MigratoryStatus.Idp) with
            {
                PreviousPcode = "BD55490917",
                MoveDate = new DateOnly(2026, 7, 20),
                MoveReason = MoveReason.Disaster,
            },
            Member(2, Sex.Male, 17, Relation.Child, MigratoryStatus.Idp) with { InSchool = false },
            Member(3, Sex.Male, 24, Relation.Child, MigratoryStatus.Emigrant) with { PreviousCountry = "MYS" },
        ],
    };
}
