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

    /// <summary>Round-numbering anomalies of the series summarised (duplicated rounds, renumbered series).</summary>
    public IReadOnlyList<RoundAnomaly> Anomalies { get; init; } = [];

    /// <summary>What the options asked for that the data does not have, and comparisons that could not be made.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>Key-informant totals of one population type in an area for a round of a series.</summary>
/// <param name="ReportingLevel">Admin level the records were reported at: DTM publishes the same figures at several levels, which never add up with each other.</param>
/// <param name="ReportingDate">The round's reporting date: a round number reported at two dates gives two totals.</param>
/// <param name="Households">Null when no record of the group reported households.</param>
/// <param name="Locations">Distinct locations reporting.</param>
public sealed record RoundTotal(
    string Dataset, string? Operation, int ReportingLevel, int Round, DateOnly ReportingDate,
    string AreaPcode, string AreaName, PopulationType Type, long Individuals, long? Households, int Locations, int Records)
{
    /// <summary>The series' assessment type (baseline, site, …).</summary>
    public AssessmentType Assessment { get; init; }

    /// <summary>The anomaly codes of this round in its series (<c>duplicate_round</c>, <c>renumbered</c>, separated by ';'), or null.</summary>
    public string? Anomaly { get; init; }
}

/// <summary>Change of a total from the earlier of two rounds of a series to the later one.</summary>
/// <param name="FromIndividuals">Null when no location of the area was assessed in the earlier round ("not assessed").</param>
/// <param name="ToIndividuals">Null when no location of the area was assessed in the later round.</param>
/// <param name="Change">Later minus earlier; null unless the area was assessed in both rounds.</param>
/// <param name="ChangePercent">Null when the change is or the earlier total is zero.</param>
public sealed record RoundChange(
    string Dataset, string? Operation, int ReportingLevel, string AreaPcode, string AreaName, PopulationType Type,
    int FromRound, int ToRound, long? FromIndividuals, long? ToIndividuals, long? Change, double? ChangePercent)
{
    /// <summary>The series' assessment type (baseline, site, …).</summary>
    public AssessmentType Assessment { get; init; }

    /// <summary>Reporting date of the earlier round.</summary>
    public DateOnly FromDate { get; init; }

    /// <summary>Reporting date of the later round.</summary>
    public DateOnly ToDate { get; init; }

    /// <summary>The earlier round's total over the locations assessed in both rounds.</summary>
    public long LikeForLikeFrom { get; init; }

    /// <summary>The later round's total over the locations assessed in both rounds.</summary>
    public long LikeForLikeTo { get; init; }

    /// <summary><see cref="LikeForLikeTo"/> − <see cref="LikeForLikeFrom"/>: the change over locations assessed in both rounds.</summary>
    public long LikeForLikeChange => LikeForLikeTo - LikeForLikeFrom;

    /// <summary>Null when no location was assessed in both rounds or their earlier total is zero.</summary>
    public double? LikeForLikePercent { get; init; }

    /// <summary>Locations of the area assessed in both rounds.</summary>
    public int LocationsInBoth { get; init; }

    /// <summary>Locations assessed in the later round only.</summary>
    public int LocationsNew { get; init; }

    /// <summary>Locations assessed in the earlier round only: not assessed in the later one.</summary>
    public int LocationsNotAssessed { get; init; }
}

/// <summary>A location assessed in one of two compared rounds only.</summary>
/// <param name="Kind"><c>new</c> (only in the later round) or <c>not_assessed</c> (not in the later round).</param>
public sealed record LocationChange(string Dataset, string? Operation, int ReportingLevel, int FromRound, int ToRound, string Kind, string Location, string? Name)
{
    /// <summary>The series' assessment type (baseline, site, …).</summary>
    public AssessmentType Assessment { get; init; }
}

/// <summary>
/// Registered persons of a mobile status in an area, by month of move, next to the key-informant estimate for
/// that area and month (never added together).
/// </summary>
/// <param name="KeyInformantEstimate">Individuals reported by key informants in that month (latest round of the finest series), or null.</param>
/// <param name="EstimateSource">Which dataset, operation, round and level the estimate comes from.</param>
public sealed record RegistryMonth(
    string AreaPcode, string AreaName, string Month, PopulationType Type, long RegisteredInMonth, long RegisteredToDate,
    long? KeyInformantEstimate, string? EstimateSource);
