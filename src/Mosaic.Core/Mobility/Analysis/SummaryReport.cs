namespace Mosaic.Core.Mobility.Analysis;

/// <summary>The result of a mobility summary: key-informant rounds, the registry's movers, and flows, side by side.</summary>
public sealed record SummaryReport(
    int Level,
    IReadOnlyList<RoundTotal> Rounds,
    IReadOnlyList<RoundChange> Changes,
    IReadOnlyList<LocationChange> LocationChanges,
    IReadOnlyList<RegistryMonth> Registry,
    IReadOnlyList<FlowPointSummary> Flows)
{
    /// <summary>Records reported at a coarser level than <see cref="Level"/>, which cannot be broken down by it.</summary>
    public long RecordsAboveLevel { get; init; }
}

/// <summary>Key-informant totals of one population type in an area for a round.</summary>
/// <param name="ReportingLevel">Admin level the records were reported at: DTM publishes the same figures at several levels, which never add up with each other.</param>
/// <param name="Locations">Distinct locations reporting.</param>
public sealed record RoundTotal(
    string Dataset, string? Operation, int ReportingLevel, int Round, DateOnly ReportingDate,
    string AreaPcode, string AreaName, PopulationType Type, long Individuals, long Households, int Locations, int Records);

/// <summary>Change of a total between two rounds.</summary>
/// <param name="ChangePercent">Null when the earlier total is zero.</param>
public sealed record RoundChange(
    string Dataset, string? Operation, int ReportingLevel, string AreaPcode, string AreaName, PopulationType Type,
    int FromRound, int ToRound, long FromIndividuals, long ToIndividuals, long Change, double? ChangePercent);

/// <summary>A location that reports in one of two compared rounds only.</summary>
/// <param name="Kind"><c>new</c> (only in the later round) or <c>no_longer_reporting</c>.</param>
public sealed record LocationChange(string Dataset, string? Operation, int ReportingLevel, int FromRound, int ToRound, string Kind, string Location, string? Name);

/// <summary>
/// Registered persons of a mobile status in an area, by month of move, next to the key-informant estimate for
/// that area and month (never added together).
/// </summary>
/// <param name="KeyInformantEstimate">Individuals reported by key informants in that month (latest round of the finest series), or null.</param>
/// <param name="EstimateSource">Which dataset, operation, round and level the estimate comes from.</param>
public sealed record RegistryMonth(
    string AreaPcode, string AreaName, string Month, PopulationType Type, long RegisteredInMonth, long RegisteredToDate,
    long? KeyInformantEstimate, string? EstimateSource);
