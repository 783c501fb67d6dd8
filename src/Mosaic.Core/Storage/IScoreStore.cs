using Mosaic.Core.Vulnerability;

namespace Mosaic.Core.Storage;

/// <summary>Scoring runs and the latest score of every household.</summary>
/// <remarks>
/// Every member is asynchronous and takes a <see cref="CancellationToken"/>: a cancelled call throws
/// <see cref="OperationCanceledException"/>, a cancelled <see cref="SaveRunAsync"/> stores nothing (the previous run
/// stays the latest), and the unit of work stays usable. The rules of <see cref="IMosaicStore"/> apply.
/// </remarks>
public interface IScoreStore
{
    /// <summary>
    /// Records a run (model id, version and JSON) and replaces the stored household scores with its
    /// results, in one transaction.
    /// </summary>
    /// <param name="model">The model the households were scored with.</param>
    /// <param name="scores">The run's results, one per household.</param>
    /// <param name="scoredAt">When the run was made (stored as UTC).</param>
    /// <param name="cancellationToken">Stops the write before its commit: nothing is stored then.</param>
    /// <returns>The run id.</returns>
    Task<long> SaveRunAsync(VulnerabilityModel model, IReadOnlyList<ScoredHousehold> scores, DateTimeOffset scoredAt, CancellationToken cancellationToken = default);

    /// <summary>The run whose scores are stored, or null before the first <c>mosaic score</c>.</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<ScoreRunInfo?> LatestRunAsync(CancellationToken cancellationToken = default);

    /// <summary>The stored scores, in rank order (read in one call, not a stream).</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<IReadOnlyList<StoredScore>> ReadScoresAsync(CancellationToken cancellationToken = default);
}

/// <summary>A scoring run.</summary>
/// <param name="Id">The run id.</param>
/// <param name="ModelId">The model's id.</param>
/// <param name="ModelVersion">The model's version.</param>
/// <param name="ModelJson">The model as it was used, in JSON.</param>
/// <param name="ScoredAt">When the run was made.</param>
/// <param name="Households">Households scored.</param>
/// <param name="Dimensions">The model's dimensions, in the order of <see cref="StoredScore.Dimensions"/>.</param>
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
