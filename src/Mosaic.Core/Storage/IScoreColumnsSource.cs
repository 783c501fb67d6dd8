using Mosaic.Core.Vulnerability;

namespace Mosaic.Core.Storage;

/// <summary>
/// A score store that hands out the latest scores as columns (what ranking a target list needs) and reads whole
/// stored scores only for the households asked for, so targeting a national registry never holds every score.
/// Optional: without it, targeting reads every <see cref="StoredScore"/>.
/// </summary>
/// <remarks>
/// The columns come back in one awaited call (one bulk read, not a row at a time); a cancelled call throws
/// <see cref="OperationCanceledException"/> and leaves the unit of work usable.
/// </remarks>
public interface IScoreColumnsSource
{
    /// <summary>Household id, overall rank and class of every stored score, in ascending household id.</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<ScoreRanks> ReadRanksAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The same columns as <see cref="ReadRanksAsync"/>, handed to <paramref name="visit"/> in slices in ascending household
    /// id, so a caller that only merges them with its own columns never holds them whole; returns the number of scores.
    /// </summary>
    /// <param name="visit">Receives each slice (the spans are valid only during the call).</param>
    /// <param name="cancellationToken">Stops the read.</param>
    async Task<int> VisitRanksAsync(ScoreRankSlice visit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(visit);
        var ranks = await ReadRanksAsync(cancellationToken);
        visit(ranks.HouseholdIds, ranks.Ranks, ranks.Classes);
        return ranks.HouseholdIds.Length;
    }

    /// <summary>The stored scores of <paramref name="householdIds"/> (ids without a score are left out), in rank order.</summary>
    /// <param name="householdIds">Store ids of the households.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<IReadOnlyList<StoredScore>> ReadScoresAsync(IReadOnlyList<long> householdIds, CancellationToken cancellationToken = default);
}

/// <summary>A slice of the latest scores' id, rank and class columns (aligned, ascending household id).</summary>
public delegate void ScoreRankSlice(ReadOnlySpan<long> householdIds, ReadOnlySpan<int> ranks, ReadOnlySpan<VulnerabilityClass> classes);

/// <summary>The latest scores as aligned columns, in ascending household id.</summary>
/// <param name="HouseholdIds">Store ids of the scored households, ascending.</param>
/// <param name="Ranks">Overall rank of each (1 = most vulnerable).</param>
/// <param name="Classes">Vulnerability class of each.</param>
public sealed record ScoreRanks(long[] HouseholdIds, int[] Ranks, VulnerabilityClass[] Classes);
