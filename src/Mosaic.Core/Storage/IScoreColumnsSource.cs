using Mosaic.Core.Vulnerability;

namespace Mosaic.Core.Storage;

/// <summary>
/// A score store that hands out the latest scores as columns (what ranking a target list needs) and reads whole
/// stored scores only for the households asked for, so targeting a national registry never holds every score.
/// Optional: without it, targeting reads every <see cref="StoredScore"/>.
/// </summary>
public interface IScoreColumnsSource
{
    /// <summary>Household id, overall rank and class of every stored score, in ascending household id.</summary>
    ScoreRanks ReadRanks();

    /// <summary>The stored scores of <paramref name="householdIds"/> (ids without a score are left out), in rank order.</summary>
    IReadOnlyList<StoredScore> ReadScores(IReadOnlyList<long> householdIds);
}

/// <summary>The latest scores as aligned columns, in ascending household id.</summary>
/// <param name="HouseholdIds">Store ids of the scored households, ascending.</param>
/// <param name="Ranks">Overall rank of each (1 = most vulnerable).</param>
/// <param name="Classes">Vulnerability class of each.</param>
public sealed record ScoreRanks(long[] HouseholdIds, int[] Ranks, VulnerabilityClass[] Classes);
