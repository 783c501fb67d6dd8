using Mosaic.Core.Registry;

namespace Mosaic.Core.Demo;

/// <summary>
/// Gives roster members their migratory status and move facts (previous country or area, date, reason) according
/// to the household's story, with the gaps field data has (a few missing dates, reasons and origins).
/// </summary>
internal static class MigrationFacts
{
    // Where Bangladeshi migrant workers returned from (Gulf and Malaysia dominate, BMET-like shares).
    private static readonly (string Country, double Weight)[] s_returnCountries =
    [
        ("SAU", 0.36), ("ARE", 0.14), ("MYS", 0.15), ("OMN", 0.12), ("QAT", 0.10), ("KWT", 0.06), ("SGP", 0.07),
    ];

    private static readonly (MoveReason Reason, double Weight)[] s_returnReasons =
    [
        (MoveReason.JobLoss, 0.72), (MoveReason.Family, 0.09), (MoveReason.Other, 0.12), (MoveReason.Work, 0.07),
    ];

    public static void Assign(DemoRandom r, DemoHouseholdKind kind, List<MemberDraft> members, DemoVillage village,
        DemoGenerator demo, DateOnly registered)
    {
        switch (kind)
        {
            case DemoHouseholdKind.Returnee:
                AssignReturnees(r, members, registered);
                break;
            case DemoHouseholdKind.Idp:
                var origin = demo.PickOriginVillage(r, village, preferExposed: true);
                var displaced = DisplacementDate(r, registered);
                foreach (var m in members.Where(m => m.IsResident))
                    SetMove(r, m, MigratoryStatus.Idp, null, origin, displaced, r.Chance(0.95) ? MoveReason.Disaster : MoveReason.Other);
                break;
            case DemoHouseholdKind.IdpReturnee:
                var hostArea = demo.PickOriginVillage(r, village, preferExposed: false);
                var back = RandomDate(r, new DateOnly(2024, 11, 1), registered.AddDays(-20));
                var reason = r.PickWeighted([(MoveReason.Other, 0.45), (MoveReason.Family, 0.3), (MoveReason.Disaster, 0.25)]);
                foreach (var m in members.Where(m => m.IsResident))
                    SetMove(r, m, MigratoryStatus.IdpReturnee, null, hostArea, back, reason);
                break;
            case DemoHouseholdKind.InternalMigrant:
                AssignInternalMigrants(r, members, registered);
                break;
            case DemoHouseholdKind.InternationalMigrant:
                var spouse = members.FirstOrDefault(m => m.Relation == Relation.Spouse && m.IsResident) ?? members[0];
                var married = RandomDate(r, registered.AddYears(-Math.Max(1, Math.Min(25, spouse.Age - 17))), registered.AddYears(-1));
                SetMove(r, spouse, MigratoryStatus.InternationalMigrant, r.Chance(0.85) ? "IND" : "NPL", null, married, MoveReason.Family);
                break;
            case DemoHouseholdKind.Refugee:
                var fled = RandomDate(r, new DateOnly(2017, 8, 25), new DateOnly(2018, 3, 31));
                foreach (var m in members.Where(m => m.IsResident))
                    SetMove(r, m, MigratoryStatus.Refugee, "MMR", null, fled, MoveReason.Conflict);
                break;
            default:
                // Marriage is the commonest internal move: some wives come from another union of the upazila.
                var wife = members.FirstOrDefault(m => m.Relation == Relation.Spouse && m.Sex == Sex.Female && m.IsResident);
                if (wife is not null && r.Chance(0.07))
                {
                    var since = RandomDate(r, registered.AddYears(-Math.Max(1, Math.Min(30, wife.Age - 16))), registered.AddMonths(-6));
                    SetMove(r, wife, MigratoryStatus.InternalMigrant, null, demo.PickOriginVillage(r, village, preferExposed: false), since, MoveReason.Family);
                }
                break;
        }

        foreach (var m in members)
        {
            if (m.Status == MigratoryStatus.Emigrant)
            {
                // Members abroad: when and why they left (destination is not on the form).
                m.MoveDate = r.Chance(0.9) ? RandomDate(r, new DateOnly(2015, 1, 1), new DateOnly(2025, 12, 31)) : null;
                m.MoveReason = MoveReason.Work;
            }
            else if (r.Chance(0.006))
            {
                // The enumerator could not establish the status.
                m.Status = MigratoryStatus.Unknown;
                m.PreviousCountry = m.PreviousPcode = null;
                m.MoveDate = null;
                m.MoveReason = null;
            }
        }
    }

    // Women go abroad mostly as domestic and garment workers (Saudi Arabia, Jordan, Lebanon, the Emirates, Oman).
    private static readonly (string Country, double Weight)[] s_womenReturnCountries =
    [
        ("SAU", 0.46), ("JOR", 0.16), ("LBN", 0.07), ("ARE", 0.10), ("OMN", 0.13), ("QAT", 0.04), ("KWT", 0.04),
    ];

    private static readonly (MoveReason Reason, double Weight)[] s_womenReturnReasons =
    [
        (MoveReason.JobLoss, 0.5), (MoveReason.Family, 0.2), (MoveReason.Other, 0.25), (MoveReason.Work, 0.05),
    ];

    /// <summary>
    /// Who came back from abroad: usually a man of working age (a son or brother joins the roster when there is
    /// none), but about one return in eight is a woman back from domestic or garment work, one in fourteen an
    /// older man home for good after decades in the Gulf, and one head in twenty brings a wife and children who had
    /// lived with him abroad (Malaysia, Singapore, the Gulf) — BMET/IOM-like shares.
    /// </summary>
    private static void AssignReturnees(DemoRandom r, List<MemberDraft> members, DateOnly registered)
    {
        var head = members[0];
        var who = r.PickWeighted([(ReturneeKind.Woman, 0.13), (ReturneeKind.OlderMan, 0.07), (ReturneeKind.Man, 0.80)]);
        var worker = who switch
        {
            ReturneeKind.Woman => FemaleWorker(r, members, head),
            ReturneeKind.OlderMan => OlderMan(r, members, head),
            _ => MaleWorker(r, members, head),
        };
        var woman = worker.Sex == Sex.Female;
        var returned = ReturnDate(r, registered);
        var country = woman ? r.PickWeighted(s_womenReturnCountries) : r.PickWeighted(s_returnCountries);
        SetMove(r, worker, MigratoryStatus.Returnee, country, null, returned, woman ? r.PickWeighted(s_womenReturnReasons) : r.PickWeighted(s_returnReasons));
        worker.EmployedBefore = true;
        if (!woman && worker == head && r.Chance(0.05))
        {
            // His wife and the children who lived with him abroad came back with him.
            foreach (var m in members.Where(m => m.IsResident && m != worker &&
                                                 (m.Relation == Relation.Spouse || m.Relation == Relation.Child && m.Age < 18)))
            {
                SetMove(r, m, MigratoryStatus.Returnee, country, null, returned, MoveReason.Family);
                m.EmployedBefore = m.Age >= 15 ? r.Chance(0.15) : null;
            }
        }
        var brother = members.FirstOrDefault(m => m != worker && m.IsResident && m.Status == MigratoryStatus.NonMigrant &&
                                                  m.Sex == Sex.Male && m.Age is >= 20 and <= 45);
        if (brother is not null && r.Chance(0.12))
        {
            SetMove(r, brother, MigratoryStatus.Returnee, r.PickWeighted(s_returnCountries), null, ReturnDate(r, registered), r.PickWeighted(s_returnReasons));
            brother.EmployedBefore = true;
        }
    }

    private enum ReturneeKind
    {
        Man,
        Woman,
        OlderMan,
    }

    private static MemberDraft MaleWorker(DemoRandom r, List<MemberDraft> members, MemberDraft head)
    {
        var worker = head.Sex == Sex.Male && head.Age is >= 20 and <= 50 && r.Chance(0.72)
            ? head
            : members.FirstOrDefault(m => m.IsResident && m.Sex == Sex.Male && m.Age is >= 20 and <= 45 && m != head);
        if (worker is null && members.Count >= 12)
            worker = head;
        if (worker is not null)
            return worker;
        // No man of working age on the roster: the worker who came back is a son or brother joining it.
        worker = new MemberDraft(Sex.Male, r.Between(21, 40), head.Age >= 45 ? Relation.Child : Relation.Other)
        {
            Name = PersonNames.Person(r, false, false, head.Name!.Split(' ')[^1]),
        };
        members.Add(worker);
        return worker;
    }

    private static MemberDraft OlderMan(DemoRandom r, List<MemberDraft> members, MemberDraft head)
    {
        var man = members.FirstOrDefault(m => m.IsResident && m.Sex == Sex.Male && m.Age is >= 55 and <= 72);
        if (man is not null)
            return man;
        if (head.Sex == Sex.Male && head.Age >= 45)
            return head;
        if (members.Count >= 12)
            return MaleWorker(r, members, head);
        // The head's father, back for good after decades abroad, joins the roster.
        man = new MemberDraft(Sex.Male, Math.Clamp(head.Age + r.Between(20, 30), 56, 75), Relation.Parent)
        {
            Name = PersonNames.Person(r, false, false, head.Name!.Split(' ')[^1]),
        };
        members.Add(man);
        return man;
    }

    private static MemberDraft FemaleWorker(DemoRandom r, List<MemberDraft> members, MemberDraft head)
    {
        var worker = members.FirstOrDefault(m => m.IsResident && m.Sex == Sex.Female && m.Age is >= 20 and <= 45);
        if (worker is not null)
            return worker;
        if (members.Count >= 12)
            return MaleWorker(r, members, head);
        // A daughter (or a sister of a young head) back from domestic work joins the roster.
        worker = new MemberDraft(Sex.Female, r.Between(20, 38), head.Age >= 45 ? Relation.Child : Relation.Other)
        {
            Name = PersonNames.Person(r, false, true, head.Name!.Split(' ')[^1]),
        };
        members.Add(worker);
        return worker;
    }

    private static void AssignInternalMigrants(DemoRandom r, List<MemberDraft> members, DateOnly registered)
    {
        var fromGarmentBelt = r.Chance(0.7);
        var districts = DemoGeography.OriginDistricts;
        var origin = fromGarmentBelt ? districts[r.Between(0, 2)].Pcode : districts[r.Between(3, districts.Count - 1)].Pcode;
        var reason = fromGarmentBelt
            ? r.PickWeighted([(MoveReason.JobLoss, 0.6), (MoveReason.Family, 0.2), (MoveReason.Other, 0.2)])
            : r.PickWeighted([(MoveReason.Work, 0.45), (MoveReason.Family, 0.45), (MoveReason.Other, 0.1)]);
        var arrived = RandomDate(r, new DateOnly(2025, 6, 1), registered.AddDays(-14));
        var yearsHere = (registered.DayNumber - arrived.DayNumber) / 365.25;
        foreach (var m in members.Where(m => m.IsResident))
        {
            // Children born after the move are non-migrants; everyone else came with the family.
            if (m.Age >= yearsHere)
                SetMove(r, m, MigratoryStatus.InternalMigrant, null, origin, arrived, reason);
        }
    }

    private static void SetMove(DemoRandom r, MemberDraft m, MigratoryStatus status, string? country, string? pcode, DateOnly date, MoveReason reason)
    {
        m.Status = status;
        m.PreviousCountry = country;
        m.PreviousPcode = pcode is not null && r.Chance(0.98) ? pcode : null;
        m.MoveDate = r.Chance(0.96) ? date : null;
        m.MoveReason = r.Chance(0.98) ? reason : null;
    }

    /// <summary>Returns from abroad in 2026, peaking in the spring and summer after a wave of Gulf layoffs.</summary>
    private static DateOnly ReturnDate(DemoRandom r, DateOnly registered)
    {
        var start = new DateOnly(2026, 1, 5).DayNumber;
        var end = registered.AddDays(-3).DayNumber;
        // A triangular draw whose mode sits 60% of the way through the window.
        var u = r.NextDouble();
        const double mode = 0.6;
        var t = u < mode ? Math.Sqrt(u * mode) : 1 - Math.Sqrt((1 - u) * (1 - mode));
        return DateOnly.FromDayNumber(start + (int)((end - start) * t));
    }

    /// <summary>Displacements happen in the monsoon (June–September) of 2024, 2025 or 2026, most recently most often.</summary>
    private static DateOnly DisplacementDate(DemoRandom r, DateOnly registered)
    {
        var year = r.PickWeighted([(2026, 0.5), (2025, 0.3), (2024, 0.2)]);
        var date = RandomDate(r, new DateOnly(year, 6, 10), new DateOnly(year, 9, 25));
        return date < registered ? date : registered.AddDays(-7);
    }

    private static DateOnly RandomDate(DemoRandom r, DateOnly from, DateOnly to) =>
        to <= from ? from : DateOnly.FromDayNumber(from.DayNumber + r.Between(0, to.DayNumber - from.DayNumber));
}
