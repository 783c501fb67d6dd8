namespace Mosaic.Core.Disclosure;

/// <summary>
/// Primary and secondary cell suppression for an additive table with all its totals (<see cref="LinkedTable"/>).
/// Secondary suppression uses the hypercube method: for each primary cell not already protected, choose in every
/// dimension another coordinate (a category or the total) and suppress the 2^n corners of the box they span,
/// picking, among a few cheap candidates per dimension, the box that hides the least population.
/// <para>
/// Why it is safe: give the corners alternating perturbations ±ε, where the sign flips along a dimension between
/// two categories and stays the same between a category and its total. Every additivity line then meets either
/// no corner or two corners whose changes cancel (category vs category) or match (category vs total), so the
/// perturbed table satisfies every published constraint. Hence each corner's value is not determined by what is
/// published: no suppressed cell can be recomputed exactly, however the margins are combined. The check in the
/// tests solves the constraint system directly to confirm this.
/// </para>
/// </summary>
public static class DisclosureControl
{
    /// <summary>Upper bound on boxes tried per primary cell (keeps large tables fast; the result stays safe).</summary>
    private const int SearchBudget = 128;

    /// <param name="table">Shape of the table.</param>
    /// <param name="contributors">Contributors per cell (units counted, or a share's denominator units).</param>
    /// <param name="minimumContributors">K; 0 or 1 disables suppression.</param>
    public static DisclosureOutcome Protect(LinkedTable table, long[] contributors, int minimumContributors)
    {
        var status = new CellStatus[table.Size];
        if (minimumContributors <= 1)
            return Outcome(table, status, contributors, 0, 0);
        var primaries = new List<int>();
        for (var i = 0; i < status.Length; i++)
        {
            if (contributors[i] > 0 && contributors[i] < minimumContributors)
            {
                status[i] = CellStatus.PrimarySuppressed;
                primaries.Add(i);
            }
        }
        // Inner cells first: their boxes tend to cover the small marginal cells too.
        primaries.Sort((a, b) =>
        {
            var c = table.TotalCount(a).CompareTo(table.TotalCount(b));
            return c != 0 ? c : a.CompareTo(b);
        });
        var secondary = table.Dimensions == 0 ? 0 : new HypercubeSearch(table, contributors, status, minimumContributors, SearchBudget).Run(primaries);
        return Outcome(table, status, contributors, primaries.Count, secondary);
    }

    private static DisclosureOutcome Outcome(LinkedTable table, CellStatus[] status, long[] contributors, int primary, int secondary)
    {
        long hidden = 0;
        for (var i = 0; i < status.Length; i++)
        {
            if (status[i] != CellStatus.Published && table.TotalCount(i) == 0)
                hidden += contributors[i];
        }
        return new DisclosureOutcome(status, primary, secondary, hidden, contributors.Length == 0 ? 0 : contributors[^1]);
    }
}
