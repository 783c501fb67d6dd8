using Mosaic.Core.Registry;
using Mosaic.Core.Vulnerability;

namespace Mosaic.Core.Targeting;

/// <summary>
/// Builds a target list from scored households: scope (an area's subtree), eligibility exclusions, quotas
/// per child area, and within each area the top of the ranking's total order (score, then submission id).
/// </summary>
internal static class Targeter
{
    /// <summary>Reason code of households excluded because they already received assistance.</summary>
    public const string AlreadyAssisted = "already_assisted";

    public static TargetList Select(IReadOnlyList<TargetCandidate> candidates, AreaAncestry areas, TargetingRequest request)
    {
        var scope = request.AreaPcode;
        var inScope = candidates
            .Where(c => scope is null || Array.IndexOf(areas.Of(c.Household.AreaPcode), scope) >= 0)
            .OrderBy(c => c.Score.Rank)
            .ToList();
        var excluded = new Dictionary<string, int>(StringComparer.Ordinal);
        var eligible = new List<TargetCandidate>(inScope.Count);
        foreach (var c in inScope)
        {
            if (request.ExcludeAssisted && c.Household.AssistanceReceived == true)
            {
                excluded[AlreadyAssisted] = excluded.GetValueOrDefault(AlreadyAssisted) + 1;
                continue;
            }
            eligible.Add(c);
        }

        var groupOf = QuotaAreas(eligible, areas, scope, request.Quota);
        var groups = groupOf.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var groupIndex = groups.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i, StringComparer.Ordinal);
        var eligibleCount = new int[groups.Count];
        var priorityCount = new int[groups.Count];
        for (var i = 0; i < eligible.Count; i++)
        {
            var g = groupIndex[groupOf[i]];
            eligibleCount[g]++;
            if (eligible[i].Score.Class.IsPriority())
                priorityCount[g]++;
        }
        var quotas = QuotaAllocator.ForRequest(request, eligibleCount, priorityCount);

        // Eligible households are in rank order: each area takes its first `quota` households.
        var taken = new int[groups.Count];
        var selected = new List<(TargetCandidate Candidate, string Area)>();
        var isSelected = new bool[eligible.Count];
        for (var i = 0; i < eligible.Count; i++)
        {
            var g = groupIndex[groupOf[i]];
            if (taken[g] >= quotas[g])
                continue;
            taken[g]++;
            isSelected[i] = true;
            selected.Add((eligible[i], groupOf[i]));
        }
        var list = selected.Select((s, r) => new TargetedHousehold(r + 1, ListedHousehold.Of(s.Candidate.Household), s.Candidate.Score, s.Area)).ToList();
        var quotaRows = groups.Select((g, i) => new AreaQuota(g, eligibleCount[i], priorityCount[i], quotas[i])).ToList();
        var coverage = CoverageSummary.Compute(selected.Select(s => s.Candidate.Household), inScope.Where(c => c.Score.Class.IsPriority()).Select(c => c.Household));
        var coverageRate = eligible.Count == 0 ? 0 : (double)list.Count / eligible.Count;
        var errors = TargetingErrors.Measure(
            [.. eligible.Select(c => c.Household.ReferenceWelfare)], isSelected, [.. eligible.Select(c => c.Household.SubmissionId)],
            request.PoorShare ?? coverageRate);
        return new TargetList(list, quotaRows, inScope.Count, eligible.Count, excluded, coverage, errors);
    }

    /// <summary>
    /// Quota groups: the child areas of the scope (or of the smallest area containing every eligible
    /// household when no scope is given); a household whose area is the scope itself is its own group.
    /// </summary>
    private static string[] QuotaAreas(List<TargetCandidate> eligible, AreaAncestry areas, string? scope, QuotaMode mode)
    {
        var result = new string[eligible.Count];
        if (mode == QuotaMode.None || eligible.Count == 0)
        {
            Array.Fill(result, "*");
            return result;
        }
        var chains = eligible.Select(c => areas.Of(c.Household.AreaPcode)).ToList();
        int depth;
        if (scope is not null)
        {
            depth = Array.IndexOf(chains[0], scope) + 1;
        }
        else
        {
            // Length of the common prefix of every household's ancestry.
            depth = chains.Min(c => c.Length);
            foreach (var chain in chains)
            {
                var k = 0;
                while (k < depth && string.Equals(chain[k], chains[0][k], StringComparison.Ordinal))
                    k++;
                depth = k;
            }
        }
        for (var i = 0; i < eligible.Count; i++)
        {
            var chain = chains[i];
            result[i] = chain[Math.Min(Math.Max(depth, 0), chain.Length - 1)];
        }
        return result;
    }
}
