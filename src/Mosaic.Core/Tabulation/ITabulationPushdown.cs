using Mosaic.Core.Indicators;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// A store that can count a tabulation itself (PostgreSQL: one <c>GROUP BY GROUPING SETS</c> query, pushed to the
/// shards of a scaled-out registry) instead of Mosaic scanning a snapshot. Optional, like
/// <see cref="IRegistrySnapshotSource"/>; <see cref="PushdownTabulator"/> uses it. The store only counts: the
/// categories, the totals and disclosure control are applied in Core exactly as for the in-memory engine.
/// </summary>
/// <remarks>
/// Every member is asynchronous and takes a <see cref="CancellationToken"/>: a cancelled call throws
/// <see cref="OperationCanceledException"/> (never a <see cref="Storage.StoreException"/>), the store stops the query
/// (PostgreSQL cancels it on the server), and the unit of work answers the next call.
/// </remarks>
public interface ITabulationPushdown
{
    /// <summary>
    /// Counts the indicator's population by the raw keys of the dimensions: for an area dimension the household's
    /// own area P-code (Mosaic rolls it up the tree), for any other dimension its category code, or null when
    /// missing. The query has been validated against the field catalogue. Throws <see cref="PushdownNotSupportedException"/>
    /// for an expression the store cannot translate.
    /// </summary>
    /// <param name="query">What to count.</param>
    /// <param name="cancellationToken">Stops the count, also while the database is still aggregating.</param>
    Task<PushdownCounts> CountAsync(PushdownQuery query, CancellationToken cancellationToken = default);

    /// <summary>Distinct previous countries in the order the registry first names them (household, then line order).</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<IReadOnlyList<string>> PreviousCountriesAsync(CancellationToken cancellationToken = default);

    /// <summary>Names of optional numeric household fields (as <see cref="IRegistrySnapshotSource.OptionalHouseholdNumbersAsync"/>).</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<IReadOnlyList<string>> OptionalHouseholdNumbersAsync(CancellationToken cancellationToken = default);
}

/// <summary>What to count: an indicator's population, measure and weight, by dimensions, optionally in an area's subtree.</summary>
/// <param name="Dimensions">Per dimension: its field name and whether its key is the household's area (rolled up by Mosaic).</param>
public sealed record PushdownQuery(IndicatorDefinition Indicator, IReadOnlyList<PushdownDimension> Dimensions, string? AreaPcode, AgeBands AgeBands);

/// <summary>A dimension of a pushed-down count.</summary>
/// <param name="IsArea">The key is the household's own area P-code, whatever level the dimension names.</param>
public sealed record PushdownDimension(string Name, bool IsArea);

/// <summary>The store's counts: one row per combination of keys, plus the grand total for a consistency check.</summary>
public sealed record PushdownCounts(IReadOnlyList<PushdownRow> Rows, PushdownRow GrandTotal);

/// <summary>
/// One group: its keys (in dimension order) and, as <see cref="CellAccumulator"/> defines them, the contributors,
/// the measure's numerator sum and its denominator sum, and what disclosure control needs besides.
/// </summary>
public sealed record PushdownRow(IReadOnlyList<string?> Keys, long Contributors, double Numerator, double Denominator)
{
    /// <summary>Shares: units in the numerator (unweighted).</summary>
    public long NumeratorContributors { get; init; }

    /// <summary>Sums and means: the largest absolute contribution of one unit.</summary>
    public double Largest { get; init; }

    /// <summary>Sums and means: the second largest absolute contribution.</summary>
    public double SecondLargest { get; init; }

    /// <summary>Sums and means: the sum of absolute contributions.</summary>
    public double Magnitude { get; init; }
}

/// <summary>An indicator expression a pushdown store cannot translate; the caller counts in memory instead.</summary>
public sealed class PushdownNotSupportedException : Exception
{
    /// <summary>An expression the store cannot translate; the message names it.</summary>
    public PushdownNotSupportedException(string message) : base(message)
    {
    }

    /// <summary>An expression the store cannot translate, with the exception behind it.</summary>
    public PushdownNotSupportedException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>An expression the store cannot translate, with the default message.</summary>
    public PushdownNotSupportedException()
    {
    }
}
