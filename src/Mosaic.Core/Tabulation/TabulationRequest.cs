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

    /// <summary>Household rule for person indicators: persons of a cell must come from at least this many households (0 = off).</summary>
    public int MinimumHouseholds { get; init; }

    /// <summary>How the table is protected (the one entry point every front end sets).</summary>
    public DisclosureMethod Method { get; init; } = DisclosureMethod.Suppression;

    /// <summary>Secondary suppression method when <see cref="Method"/> is suppression.</summary>
    public SecondaryMethod Secondary { get; init; } = SecondaryMethod.Hypercube;

    /// <summary>Wall-clock limit of the optimal method's search (<see cref="DisclosureRule.OptimalTimeLimit"/>).</summary>
    public TimeSpan OptimalTimeLimit { get; init; } = TimeSpan.FromSeconds(DisclosureRule.DefaultOptimalTimeLimitSeconds);

    /// <summary>The perturbation table for <see cref="DisclosureMethod.Perturbation"/> (null = <see cref="PerturbationTable.Default"/>).
    /// Perturbation ignores <see cref="MinimumCellSize"/>, <see cref="MinimumHouseholds"/> and <see cref="Secondary"/>.</summary>
    public PerturbationTable? Perturbation { get; init; }

    /// <summary>Bands for the <c>age_group</c> dimension.</summary>
    public AgeBands AgeBands { get; init; } = AgeBands.Default;

    /// <summary>
    /// The database's base bands (<see cref="AgeBandPolicy.Base"/>): with suppression, <see cref="AgeBands"/> must be
    /// groups of them. Front ends set it from <see cref="AgeBandPolicies.ReadAsync"/>.
    /// </summary>
    public AgeBands BaseAgeBands { get; init; } = AgeBands.Base;
}
