using Mosaic.Core.Vulnerability;

namespace Mosaic.Core.Storage;

/// <summary>Scoring runs and the latest score of every household.</summary>
public interface IScoreStore
{
    /// <summary>
    /// Records a run (model id, version and JSON) and replaces the stored household scores with its
    /// results, in one transaction.
    /// </summary>
    /// <returns>The run id.</returns>
    long SaveRun(VulnerabilityModel model, IReadOnlyList<ScoredHousehold> scores, DateTimeOffset scoredAt);

    /// <summary>The run whose scores are stored, or null before the first <c>mosaic score</c>.</summary>
    ScoreRunInfo? LatestRun();

    /// <summary>The stored scores, in rank order.</summary>
    IReadOnlyList<StoredScore> ReadScores();
}

/// <summary>A scoring run.</summary>
public sealed record ScoreRunInfo(long Id, string ModelId, string ModelVersion, string ModelJson, DateTimeOffset ScoredAt, long Households, IReadOnlyList<string> Dimensions);

/// <summary>A household's stored score.</summary>
/// <param name="HouseholdId">Store id of the household.</param>
/// <param name="Score">Overall score.</param>
/// <param name="Class">Vulnerability class.</param>
/// <param name="Rank">Overall rank (1 = most vulnerable).</param>
/// <param name="Dimensions">Per-dimension scores in the run's dimension order (NaN = no data).</param>
/// <param name="AreaRanks">Rank within each area of the household's ancestry, root first.</param>
/// <param name="ExposureMethod"><c>gps</c>, <c>area:PCODE</c> or <c>none</c>.</param>
/// <param name="Exposure">Exposure per hazard type (indexed by <see cref="Hazards.HazardType"/>; NaN = unknown).</param>
/// <param name="Explanation">Top contributing indicators with their values.</param>
public sealed record StoredScore(
    long HouseholdId, double Score, VulnerabilityClass Class, int Rank, IReadOnlyList<double> Dimensions,
    IReadOnlyList<AreaRank> AreaRanks, string ExposureMethod, IReadOnlyList<double> Exposure, string Explanation);
