using Mosaic.Core.Areas;
using Mosaic.Core.Registry;

namespace Mosaic.Core.Tests.Demo;

/// <summary>The import rules a generated household must pass (DESIGN §2, §5), as a list of broken rules.</summary>
internal static class DemoHouseholdRules
{
    public static IEnumerable<string> Broken(Household h, IReadOnlyDictionary<string, Area> areas)
    {
        if (h.Members.Count(m => m.Relation == Relation.Head) != 1)
            yield return $"{h.SubmissionId}: not exactly one head";
        if (!areas.TryGetValue(h.AreaPcode, out var area) || area.Level != 5)
            yield return $"{h.SubmissionId}: area {h.AreaPcode} is not a demo village";
        if (!h.Members.Any(m => m.MigratoryStatus != MigratoryStatus.Emigrant))
            yield return $"{h.SubmissionId}: nobody lives in the household";
        if (h.Members.Count is < 1 or > 13)
            yield return $"{h.SubmissionId}: roster of {h.Members.Count}";
        if (!Guid.TryParse(h.SubmissionId, out _))
            yield return $"{h.SubmissionId}: submission id is not a UUID";
        if (h.RemittanceChange is not null && h.Remittances != true)
            yield return $"{h.SubmissionId}: remittance change without remittances";
        for (var i = 0; i < h.Members.Count; i++)
        {
            var p = h.Members[i];
            var who = $"{h.SubmissionId} line {p.LineNumber}";
            if (p.LineNumber != i + 1)
                yield return $"{who}: line numbers are not 1..n";
            if (p.Age is not (>= 0 and <= 120))
                yield return $"{who}: age {p.Age}";
            if (p.Sex is not (Sex.Female or Sex.Male))
                yield return $"{who}: sex {p.Sex}";
            foreach (var (field, value) in p.WashingtonGroup.Domains())
            {
                if (value is not null and not (>= 1 and <= 4))
                    yield return $"{who}: {field} = {value}";
                if (value is not null && p.Age < 5)
                    yield return $"{who}: {field} answered under age 5";
            }
            if (p.InSchool is not null && p.Age is not (>= 5 and <= 17))
                yield return $"{who}: in_school at age {p.Age}";
            if (p.PreviousPcode is { } prev && !areas.ContainsKey(prev))
                yield return $"{who}: prev_pcode {prev} is not an area";
            if (p.PreviousCountry is { Length: not 3 })
                yield return $"{who}: prev_country {p.PreviousCountry}";
            if (p.MoveDate is { } d && h.SubmittedAt is { } t && d > DateOnly.FromDateTime(t.UtcDateTime))
                yield return $"{who}: move date {d} after the registration";
            if (p.Relation == Relation.Head && p.MigratoryStatus == MigratoryStatus.Emigrant)
                yield return $"{who}: the head lives abroad";
        }
    }
}
