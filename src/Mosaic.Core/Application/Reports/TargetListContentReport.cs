using Mosaic.Core.Targeting;
using Mosaic.Core.Vulnerability;

namespace Mosaic.Core.Application.Reports;

/// <summary>
/// A ranked target list itself, as the HTTP API returns it (the CLI writes the same households to a file and reports
/// the run as <see cref="TargetListReport"/>): household codes, areas, scores and explanations, never names or phones.
/// </summary>
/// <param name="Requested">Households asked for (the count, or what the budget buys).</param>
/// <param name="Selected">Households on the list.</param>
/// <param name="InScope">Scored households in the area asked for.</param>
/// <param name="Eligible">Of them, those not excluded.</param>
/// <param name="Quotas">Each quota area's share of the list.</param>
/// <param name="Households">The list, by rank.</param>
/// <param name="Coverage">Who the list reaches, group by group, against the high/extreme-vulnerability households.</param>
/// <param name="Errors">Inclusion and exclusion errors against a reference measure, when the registry has one.</param>
/// <param name="ModelId">The scoring model that ranked them.</param>
/// <param name="ModelVersion">Its version.</param>
/// <param name="ScoredAt">When the scores were computed.</param>
public sealed record TargetListContentReport(
    int Requested, int Selected, int InScope, int Eligible, IReadOnlyList<QuotaFillReport> Quotas, IReadOnlyList<TargetedHouseholdReport> Households,
    IReadOnlyList<CoverageShareReport> Coverage, TargetingErrors? Errors, string ModelId, string ModelVersion, DateTimeOffset ScoredAt)
{
    /// <summary>The report of a computed list for the request that asked for it.</summary>
    public static TargetListContentReport Of(TargetListResult result, TargetingRequest request)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(request);
        var list = result.List;
        string Name(string pcode) => result.Areas.Find(pcode)?.Name ?? pcode;
        var selectedBy = list.Households.GroupBy(h => h.QuotaArea).ToDictionary(g => g.Key, g => g.Count());
        return new TargetListContentReport(request.Requested, list.Households.Count, list.InScope, list.Eligible,
            [.. list.Quotas.Select(q => new QuotaFillReport(q.Pcode, Name(q.Pcode), q.Eligible, q.Priority, q.Quota, selectedBy.GetValueOrDefault(q.Pcode)))],
            [.. list.Households.Select(h => new TargetedHouseholdReport(h.TargetRank, h.Household.HouseholdCode ?? h.Household.SubmissionId,
                h.Household.AreaPcode, Name(h.Household.AreaPcode), Math.Round(h.Score.Score, 4), VulnerabilityClasses.Codes[h.Score.Class],
                h.Score.Explanation))],
            [.. list.Coverage.Select(c => new CoverageShareReport(c.Dimension, c.Group, c.Dimension == "head_sex" ? "head: " + c.Group : c.Group,
                c.TargetedShare, c.PriorityShare))],
            list.Errors, result.Run.ModelId, result.Run.ModelVersion, result.Run.ScoredAt);
    }
}

/// <summary>An area's quota and how many households it got.</summary>
/// <param name="Pcode">The quota area.</param>
/// <param name="Name">Its name.</param>
/// <param name="Eligible">Eligible households in it.</param>
/// <param name="Priority">Of them, high or extreme vulnerability.</param>
/// <param name="Quota">Households the quota gives it.</param>
/// <param name="Selected">Households of it on the list.</param>
public sealed record QuotaFillReport(string Pcode, string Name, int Eligible, int Priority, int Quota, int Selected);

/// <summary>One ranked household (no personal data).</summary>
/// <param name="Rank">Its rank on the list (1 = first).</param>
/// <param name="Household">Its household code (the submission id when it has none).</param>
/// <param name="AreaPcode">Its area.</param>
/// <param name="AreaName">The area's name.</param>
/// <param name="Score">Its vulnerability score, rounded to 4 decimals.</param>
/// <param name="Class">Its vulnerability class code.</param>
/// <param name="Explanation">Why it ranks there, in words.</param>
public sealed record TargetedHouseholdReport(int Rank, string Household, string AreaPcode, string AreaName, double Score, string Class, string Explanation);

/// <summary>A group's share among targeted households against its share among high/extreme ones.</summary>
/// <param name="Dimension">The dimension (e.g. <c>head_sex</c>).</param>
/// <param name="Group">The group's code.</param>
/// <param name="Label">A label for display.</param>
/// <param name="TargetedShare">Its share of the list (0–1).</param>
/// <param name="EligibleShare">Its share of the high/extreme-vulnerability households (0–1).</param>
public sealed record CoverageShareReport(string Dimension, string Group, string Label, double TargetedShare, double EligibleShare);
