namespace Mosaic.Core.Disclosure;

/// <summary>The primary rules: which cells are sensitive by themselves (frequency, households, dominance, p%, shares).</summary>
internal static class PrimarySuppression
{
    /// <summary>Marks sensitive cells in <paramref name="status"/> and returns, per cell, the first rule that fired.</summary>
    public static SuppressionReason[] Apply(CellFacts facts, DisclosureRule rule, CellStatus[] status)
    {
        var reasons = new SuppressionReason[status.Length];
        var k = rule.MinimumContributors;
        for (var i = 0; i < status.Length; i++)
        {
            var reason = Reason(facts, rule, k, i);
            if (reason == SuppressionReason.None)
                continue;
            reasons[i] = reason;
            status[i] = CellStatus.PrimarySuppressed;
        }
        return reasons;
    }

    private static SuppressionReason Reason(CellFacts facts, DisclosureRule rule, int k, int i)
    {
        var n = facts.Contributors[i];
        if (n == 0)
            return SuppressionReason.None;
        if (n < k)
            return SuppressionReason.Frequency;
        if (facts.Households is { } households && rule.MinimumHouseholds > 1 && households[i] < rule.MinimumHouseholds)
            return SuppressionReason.Households;
        if (facts.NumeratorContributors is { } numerator)
        {
            var yes = numerator[i];
            if (yes > 0 && yes < k)
                return SuppressionReason.Numerator;
            if (n - yes > 0 && n - yes < k)
                return SuppressionReason.Complement;
        }
        if (facts.Largest is { } largest && facts.Magnitude is { } magnitude && magnitude[i] > 0)
        {
            var x1 = largest[i];
            var x2 = facts.SecondLargest![i];
            var top = rule.DominanceN >= 2 ? x1 + x2 : x1;
            if (rule.DominanceK > 0 && top >= rule.DominanceK / 100 * magnitude[i])
                return SuppressionReason.Dominance;
            // p% rule: the second largest contributor can estimate the largest to within the rest of the cell.
            if (rule.PPercent > 0 && magnitude[i] - x1 - x2 < rule.PPercent / 100 * x1)
                return SuppressionReason.PPercent;
        }
        return SuppressionReason.None;
    }
}
