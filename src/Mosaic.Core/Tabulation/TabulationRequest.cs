using Mosaic.Core.Disclosure;

namespace Mosaic.Core.Tabulation;

/// <summary>What to tabulate: an indicator by a set of dimensions, optionally within an area's subtree.</summary>
/// <param name="IndicatorId">Id in the catalogue (e.g. <c>population</c>).</param>
/// <param name="By">Dimensions in output order (e.g. <c>adm4</c>, <c>migratory_status</c>, <c>sex</c>, <c>age_group</c>).</param>
public sealed record TabulationRequest(string IndicatorId, IReadOnlyList<string> By)
{
    /// <summary>Only households in this area or below it.</summary>
    public string? AreaPcode { get; init; }

    /// <summary>K: the minimum number of contributors for a published cell (default 5; 1 disables suppression).</summary>
    public int MinimumCellSize { get; init; } = DisclosureRule.DefaultMinimumContributors;

    /// <summary>
    /// Suppression (the default: exact tables for publication) or cell-key perturbation (free-form queries: the API
    /// and dashboard for analysts and viewers). Perturbation ignores <see cref="MinimumCellSize"/>.
    /// </summary>
    public DisclosureMethod Method { get; init; } = DisclosureMethod.Suppression;

    /// <summary>The perturbation table for <see cref="DisclosureMethod.Perturbation"/> (null = <see cref="PerturbationTable.Default"/>).</summary>
    public PerturbationTable? Perturbation { get; init; }

    /// <summary>Bands for the <c>age_group</c> dimension.</summary>
    public AgeBands AgeBands { get; init; } = AgeBands.Default;
}
