namespace Mosaic.Core.Mobility;

/// <summary>
/// Flow totals over a period, aggregated by the store (one pass over the daily totals, a few rows out): what
/// the flow part of the mobility summary needs.
/// </summary>
public sealed record FlowTotals(IReadOnlyList<FlowDirectionTotal> Directions, IReadOnlyList<FlowCategoryTotal> Reasons, IReadOnlyList<FlowCategoryTotal> TravellerTypes);

/// <summary>Persons crossing a point in one direction over the period, and before the split date.</summary>
public sealed record FlowDirectionTotal(string PointCode, FlowDirection Direction, DateOnly First, DateOnly Last, long Persons, long PersonsBeforeSplit);

/// <summary>Persons crossing a point in one direction for one reason or traveller type (its code).</summary>
public sealed record FlowCategoryTotal(string PointCode, FlowDirection Direction, string Category, long Persons);
