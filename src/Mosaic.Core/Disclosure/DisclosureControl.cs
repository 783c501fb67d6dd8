namespace Mosaic.Core.Disclosure;

/// <summary>
/// Primary and secondary cell suppression for an additive table with all its totals (<see cref="LinkedTable"/>).
/// Primary rules mark the sensitive cells (<see cref="PrimarySuppression"/>); secondary suppression then gives every
/// suppressed cell a valid hypercube (<see cref="HypercubeSearch"/>): a set of suppressed cells that can shift
/// together, up and down, by at least the cell's protection level without breaking any published total or making
/// any count negative. The optimal method chooses those boxes jointly by a mixed-integer programme.
/// </summary>
internal static class DisclosureControl
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

    internal static DisclosureOutcome Protect(LinkedTable table, CellFacts facts, IReadOnlyList<ProtectionLayer> layers, DisclosureRule rule) =>
        TableProtection.Start(table, facts, layers, rule).Outcome();

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
