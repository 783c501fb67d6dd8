using Mosaic.Core.Registry;

namespace Mosaic.Core.Demo;

/// <summary>A roster member while it is being generated (mutable), turned into a <see cref="Person"/> at the end.</summary>
internal sealed class MemberDraft
{
    public Sex Sex;
    public int Age;
    public Relation Relation;
    public MigratoryStatus Status = MigratoryStatus.NonMigrant;
    public string? Name;
    public string? Phone;
    public string? PreviousCountry;
    public string? PreviousPcode;
    public DateOnly? MoveDate;
    public MoveReason? MoveReason;
    public WashingtonGroupAnswers WashingtonGroup;
    public bool? InSchool;
    public bool? EmployedBefore;
    public bool? EmployedNow;

    public MemberDraft(Sex sex, int age, Relation relation)
    {
        Sex = sex;
        Age = Math.Clamp(age, 0, 110);
        Relation = relation;
    }

    public bool IsResident => Status != MigratoryStatus.Emigrant;

    public bool LostJob => EmployedBefore == true && EmployedNow == false;

    public Person ToPerson(int line) => new()
    {
        LineNumber = line,
        Name = Name,
        Phone = Phone,
        Sex = Sex,
        Age = Age,
        Relation = Relation,
        MigratoryStatus = Status,
        PreviousCountry = PreviousCountry,
        PreviousPcode = PreviousPcode,
        MoveDate = MoveDate,
        MoveReason = MoveReason,
        WashingtonGroup = WashingtonGroup,
        InSchool = InSchool,
        EmployedBefore = EmployedBefore,
        EmployedNow = EmployedNow,
    };
}
