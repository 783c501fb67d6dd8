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
            OptimalSuppression.Run(table, contributors, status, search, primaries, layers);
        else
            search.Run(primaries, SearchBudget);
        var (audit, rounds) = AuditUntilSafe(table, status, layers, search);
        return Outcome(table, status, contributors, reasons, primaries.Count) with { Audit = audit, AuditRounds = rounds };
    }

    /// <summary>
    /// The built-in audit: an LP for every suppressed cell; a cell whose interval is too narrow gets its all-totals
    /// box suppressed (which can grow without bound), and the audit runs again until every cell passes.
    /// </summary>
    private static (AuditReport Audit, int Rounds) AuditUntilSafe(LinkedTable table, CellStatus[] status, IReadOnlyList<ProtectionLayer> layers, HypercubeSearch search)
    {
        var rounds = 0;
        while (true)
        {
            var audit = LinearAudit.Run(table, status, layers);
            if (audit.Passed)
                return (audit, rounds);
            rounds++;
            var added = 0;
            foreach (var finding in audit.Narrow.DistinctBy(f => f.Cell))
                added += search.ProtectWithoutBound(finding.Cell);
            if (added == 0)
                throw new InvalidOperationException($"disclosure audit: cell {audit.Narrow[0].Cell} stays narrower than its protection level after suppressing its totals");
        }
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

    /// <summary>Audits a suppression pattern given only the published values (e.g. a table read back from a file).</summary>
    /// <param name="table">Shape of the table.</param>
    /// <param name="suppressed">Per cell, whether it is suppressed.</param>
    /// <param name="layers">Per additive quantity: its name and published values (ignored where suppressed).</param>
    /// <param name="protectionLevel">The width every suppressed cell's interval must keep (K).</param>
    public static AuditReport Audit(LinkedTable table, IReadOnlyList<bool> suppressed, IReadOnlyList<(string Name, double[] Values)> layers, double protectionLevel)
    {
        var status = new CellStatus[table.Size];
        for (var i = 0; i < status.Length; i++)
            status[i] = suppressed[i] ? CellStatus.SecondarySuppressed : CellStatus.Published;
        var level = Enumerable.Repeat(protectionLevel, table.Size).ToArray();
        var protection = layers.Select(l => new ProtectionLayer(l.Name, l.Values, level, level, ProtectionLayer.AllInnerNonNegative(l.Values))
        {
            HoldsTrueValues = false,
        }).ToList();
        return LinearAudit.Run(table, status, protection);
    }
}
