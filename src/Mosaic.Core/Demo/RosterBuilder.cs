using Mosaic.Core.Registry;

namespace Mosaic.Core.Demo;

/// <summary>
/// Composes a household roster: size, head, spouse, children, parents and extended family, with ages that follow
/// from the mother's age, so the population pyramid comes out young and wide like rural Bangladesh's.
/// </summary>
internal static class RosterBuilder
{
    // Resident household size 1..12 (HIES-like; mean ≈ 4.4).
    private static readonly (int Size, double Weight)[] s_sizes =
    [
        (1, 0.03), (2, 0.11), (3, 0.19), (4, 0.25), (5, 0.18), (6, 0.11), (7, 0.06), (8, 0.03), (9, 0.02),
        (10, 0.01), (11, 0.005), (12, 0.005),
    ];

    /// <param name="emigrants">Members living abroad, added to the roster but not to the residents.</param>
    public static List<MemberDraft> Build(DemoRandom r, int emigrants, bool hindu)
    {
        var residents = Math.Min(r.PickWeighted(s_sizes), 12 - emigrants);
        var family = PersonNames.Family(r, hindu);
        var members = new List<MemberDraft>(residents + emigrants);

        var femaleHead = residents == 1 ? r.Chance(0.6) : r.Chance(emigrants > 0 ? 0.45 : 0.11);
        var headAge = residents == 1
            ? r.Between(55, 88)
            : (int)Math.Round(Math.Clamp(r.Normal(femaleHead ? 46 : 44, 13), 19, 90));
        var head = new MemberDraft(femaleHead ? Sex.Female : Sex.Male, headAge, Relation.Head);
        members.Add(head);

        MemberDraft? mother = femaleHead ? head : null;
        if (residents >= 2 && !femaleHead && r.Chance(0.94))
        {
            var wife = new MemberDraft(Sex.Female, Math.Max(16, headAge - r.Between(3, 10)), Relation.Spouse);
            members.Add(wife);
            mother = wife;
        }
        var emigrantsLeft = emigrants;
        if (femaleHead && emigrants > 0)
        {
            // The husband works abroad and his wife heads the household meanwhile.
            members.Add(new MemberDraft(Sex.Male, headAge + r.Between(3, 10), Relation.Spouse) { Status = MigratoryStatus.Emigrant });
            emigrantsLeft--;
        }

        var motherAge = mother?.Age ?? headAge - 5;
        var slots = residents - members.Count(m => m.IsResident);
        if (slots >= 2 && headAge <= 52 && r.Chance(0.36))
        {
            var grandmother = Math.Min(95, headAge + r.Between(18, 32));
            members.Add(new MemberDraft(Sex.Female, grandmother, Relation.Parent));
            slots--;
            if (slots >= 2 && r.Chance(0.4))
            {
                members.Add(new MemberDraft(Sex.Male, Math.Min(98, grandmother + r.Between(3, 10)), Relation.Parent));
                slots--;
            }
        }
        if (slots >= 3 && headAge >= 50 && r.Chance(0.5))
        {
            // A married son living with his parents, his wife and their small children.
            var son = new MemberDraft(Sex.Male, Math.Max(18, motherAge - r.Between(18, 26)), Relation.Child);
            var daughterInLaw = new MemberDraft(Sex.Female, Math.Max(16, son.Age - r.Between(2, 8)), Relation.Other);
            members.Add(son);
            members.Add(daughterInLaw);
            slots -= 2;
            var grandchildren = Math.Min(slots, r.Between(1, 3));
            for (var i = 0; i < grandchildren; i++)
                members.Add(new MemberDraft(r.Chance(0.5) ? Sex.Female : Sex.Male, Math.Max(0, daughterInLaw.Age - r.Between(16, 30)), Relation.Other));
            slots -= grandchildren;
        }
        for (var i = 0; i < slots; i++)
        {
            var sex = r.Chance(0.49) ? Sex.Female : Sex.Male;
            if (motherAge >= 20)
            {
                var age = motherAge - r.Between(19, Math.Max(19, Math.Min(42, motherAge)));
                members.Add(new MemberDraft(sex, Math.Max(0, age), Relation.Child));
            }
            else
            {
                members.Add(new MemberDraft(sex, Math.Max(10, headAge + r.Between(-8, 8)), Relation.Other));
            }
        }

        for (var i = 0; i < emigrantsLeft; i++)
        {
            // Migrant workers abroad: mostly sons (or brothers of a young head) in their twenties and thirties.
            var isSon = headAge >= 42;
            var age = isSon ? r.Between(20, Math.Max(20, Math.Min(40, headAge - 18))) : r.Between(20, 40);
            members.Add(new MemberDraft(r.Chance(0.93) ? Sex.Male : Sex.Female, age, isSon ? Relation.Child : Relation.Other)
            {
                Status = MigratoryStatus.Emigrant,
            });
        }

        foreach (var m in members)
            m.Name = PersonNames.Person(r, hindu, m.Sex == Sex.Female, family);
        head.Phone = r.Chance(0.86) ? PersonNames.Phone(r) : null;
        foreach (var m in members)
        {
            if (m != head && m.IsResident && m.Age >= 18 && r.Chance(m.Relation == Relation.Spouse ? 0.3 : 0.22))
                m.Phone = PersonNames.Phone(r);
        }
        return members;
    }
}
