namespace Mosaic.Core.Mobility;

/// <summary>Persons crossing at a point on a day in one direction, for one reason and traveller type.</summary>
public sealed record FlowDailyTotal(string PointCode, DateOnly Date, FlowDirection Direction, FlowReason Reason, TravellerType TravellerType, long Persons, int Observations);
