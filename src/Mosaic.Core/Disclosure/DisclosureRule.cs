namespace Mosaic.Core.Disclosure;

/// <summary>The disclosure-control rule applied to a table, as stated in its metadata.</summary>
/// <param name="MinimumContributors">K: cells with 1..K-1 contributors are suppressed (0 or 1 = no suppression).</param>
/// <param name="ContributorUnit">Who contributes: <c>person</c> or <c>household</c>.</param>
public sealed record DisclosureRule(int MinimumContributors, string ContributorUnit)
{
    public const int DefaultMinimumContributors = 5;

    /// <summary>The rule in words, for the output's metadata.</summary>
    public string Describe(bool isShare) => MinimumContributors <= 1
        ? "no disclosure control (minimum cell size 1)"
        : $"primary suppression: a cell is suppressed when fewer than {MinimumContributors} {ContributorUnit}s contribute to it" +
          (isShare ? " (for shares, when the denominator has fewer than " + MinimumContributors + " " + ContributorUnit + "s)" : "") +
          "; empty cells (no contributors) are published as 0. " +
          "Secondary suppression (hypercube method): every suppressed cell is a corner of a suppressed hypercube across the " +
          "table's dimensions and totals, so no suppressed cell can be recomputed exactly from the published cells and totals.";
}
