namespace Mosaic.Core.Disclosure;

/// <summary>
/// Primary and secondary cell suppression for an additive table with all its totals (<see cref="LinkedTable"/>).
/// Primary rules mark the sensitive cells (<see cref="PrimarySuppression"/>); secondary suppression then gives every
/// suppressed cell a valid hypercube (<see cref="HypercubeSearch"/>): a set of suppressed cells that can shift
/// together, up and down, by at least the cell's protection level without breaking any published total or making
/// any count negative. The optimal method chooses those boxes jointly by a mixed-integer programme.
/// </summary>
public static class DisclosureControl
{
    /// <summary>Boxes tried per primary cell by the fast method (keeps large tables fast; a valid box is always found).</summary>
    internal const int SearchBudget = 128;

    /// <summary>Protects a table of counts: K contributors, every suppressed cell's interval at least K wide.</summary>
    /// <param name="table">Shape of the table.</param>
    /// <param name="contributors">Contributors per cell, totals included.</param>
    /// <param name="minimumContributors">K; 0 or 1 disables suppression.</param>
    /// <param name="method">Secondary suppression method.</param>
    public static DisclosureOutcome Protect(LinkedTable table, long[] contributors, int minimumContributors,
        SecondaryMethod method = SecondaryMethod.Hypercube)
    {
        var rule = new DisclosureRule(minimumContributors, "person") { Secondary = method };
        var values = Array.ConvertAll(contributors, c => (double)c);
        return Protect(table, new CellFacts(contributors), [ProtectionLayer.Count("count", values, contributors, minimumContributors)], rule);
    }

    internal static DisclosureOutcome Protect(LinkedTable table, CellFacts facts, IReadOnlyList<ProtectionLayer> layers, DisclosureRule rule)
    {
        var contributors = facts.Contributors;
        var status = new CellStatus[table.Size];
        if (!rule.IsActive || table.Dimensions == 0)
            return Outcome(table, status, contributors, [], 0);
        var reasons = PrimarySuppression.Apply(facts, rule, status);
        var primaries = new List<int>();
        for (var i = 0; i < status.Length; i++)
        {
            if (status[i] == CellStatus.PrimarySuppressed)
                primaries.Add(i);
        }
        // Inner cells first: their boxes tend to cover the small marginal cells too.
        primaries.Sort((a, b) =>
        {
            var c = table.TotalCount(a).CompareTo(table.TotalCount(b));
            return c != 0 ? c : a.CompareTo(b);
        });
        var search = new HypercubeSearch(table, contributors, status, layers);
        if (rule.Secondary == SecondaryMethod.Optimal)
            OptimalSuppression.Run(table, contributors, status, search, primaries);
        else
            search.Run(primaries, SearchBudget);
        return Outcome(table, status, contributors, reasons, primaries.Count);
    }

    private static DisclosureOutcome Outcome(LinkedTable table, CellStatus[] status, long[] contributors, SuppressionReason[] reasons, int primary)
    {
        long hidden = 0;
        var suppressed = 0;
        for (var i = 0; i < status.Length; i++)
        {
            if (status[i] == CellStatus.Published)
                continue;
            suppressed++;
            if (table.TotalCount(i) == 0)
                hidden += contributors[i];
        }
        return new DisclosureOutcome(status, primary, suppressed - primary, hidden, contributors.Length == 0 ? 0 : contributors[^1])
        {
            Reasons = reasons,
        };
    }
}
