using System.Globalization;

namespace Mosaic.Core.Disclosure;

/// <summary>The disclosure-control rules applied to a table, as stated in its metadata.</summary>
/// <param name="MinimumContributors">K: cells with 1..K-1 contributors are suppressed (0 or 1 = no suppression).</param>
/// <param name="ContributorUnit">Who contributes: <c>person</c> or <c>household</c>.</param>
public sealed record DisclosureRule(int MinimumContributors, string ContributorUnit)
{
    /// <summary>The default K: cells with 1 to 4 contributors are suppressed.</summary>
    public const int DefaultMinimumContributors = 5;

    /// <summary>
    /// The default time limit of the optimal method, in seconds (<see cref="OptimalTimeLimit"/>): a safety cap well above
    /// what its work budgets take on a loaded machine, so that the budgets, not the clock, end the search.
    /// </summary>
    public const int DefaultOptimalTimeLimitSeconds = 1800;

    /// <summary>Household rule for person tables: a non-empty cell needs persons from at least this many households (0 = off).</summary>
    public int MinimumHouseholds { get; init; }

    /// <summary>n of the dominance (n,k) rule for sums and means.</summary>
    public int DominanceN { get; init; } = 2;

    /// <summary>k of the dominance (n,k) rule, in percent (0 = off).</summary>
    public double DominanceK { get; init; } = 85;

    /// <summary>p of the p% rule, in percent (0 = off); also the protection level of a sensitive sum, as a share of its value.</summary>
    public double PPercent { get; init; } = 10;

    /// <summary>How complementary cells are chosen so that suppressed cells cannot be recomputed from totals.</summary>
    public SecondaryMethod Secondary { get; init; } = SecondaryMethod.Hypercube;

    /// <summary>
    /// Wall-clock safety cap of the optimal method's search (its stages end by work budgets, the same on any machine);
    /// when it is reached, the best safe pattern found so far is used and the table's rule text says so.
    /// </summary>
    public TimeSpan OptimalTimeLimit { get; init; } = TimeSpan.FromSeconds(DefaultOptimalTimeLimitSeconds);

    /// <summary>Whether the rule suppresses anything (K above 1).</summary>
    public bool IsActive => MinimumContributors > 1;

    /// <summary>The rules in words, for the output's metadata.</summary>
    public string Describe(bool isShare, bool isMagnitude)
    {
        if (!IsActive)
            return "no disclosure control (minimum cell size 1)";
        var k = MinimumContributors.ToString(CultureInfo.InvariantCulture);
        var text = $"primary suppression: a cell is suppressed when 1 to {MinimumContributors - 1} {ContributorUnit}s contribute to it";
        if (MinimumHouseholds > 1)
            text += $", or when its persons come from fewer than {MinimumHouseholds} households";
        if (isShare)
            text += $"; for shares also when fewer than {k} {ContributorUnit}s are in the numerator or outside it (shares of exactly 0 or 1 are flagged as group disclosure)";
        if (isMagnitude)
        {
            text += string.Create(CultureInfo.InvariantCulture,
                $"; for sums and means also when the {DominanceN} largest contributions make {DominanceK}% or more of the cell (dominance rule) " +
                $"or the rest of the cell is less than {PPercent}% of the largest contribution (p% rule)");
        }
        text += ". Empty cells are published as 0. " +
                $"Secondary suppression ({(Secondary == SecondaryMethod.Optimal ? "optimal, mixed-integer" : "hypercube")}): further cells are suppressed so that, " +
                "for an intruder who knows every published cell, that the table adds up and that counts are never negative, " +
                $"every suppressed cell's smallest and largest possible values are at least {k} {ContributorUnit}s apart; " +
                "a linear-programming audit checks this for every suppressed cell before the table is released.";
        return text;
    }
}
