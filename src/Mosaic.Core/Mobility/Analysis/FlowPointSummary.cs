namespace Mosaic.Core.Mobility.Analysis;

/// <summary>Crossings at one flow monitoring point over the period observed.</summary>
/// <param name="Days">Calendar days from the first to the last observed day; days without observations count as zero crossings.</param>
/// <param name="Net">Inflow minus outflow.</param>
public sealed record FlowPointSummary(
    string PointCode, string PointName, DateOnly First, DateOnly Last, int Days, long In, long Out, double DailyIn, double DailyOut, long Net,
    IReadOnlyList<FlowBreakdown> ByReason, IReadOnlyList<FlowBreakdown> ByTravellerType, FlowSplit? Split);

/// <summary>Crossings in and out for one category (a reason or a traveller type).</summary>
public sealed record FlowBreakdown(string Category, long In, long Out)
{
    /// <summary>Persons in minus persons out.</summary>
    public long Net => In - Out;
}

/// <summary>Daily averages before and from a date, and their difference (after − before).</summary>
public sealed record FlowSplit(
    DateOnly Date, int DaysBefore, double DailyInBefore, double DailyOutBefore, int DaysAfter, double DailyInAfter, double DailyOutAfter)
{
    /// <summary>Daily average of inflows after the split date minus before it.</summary>
    public double DailyInChange => DailyInAfter - DailyInBefore;

    /// <summary>Daily average of outflows after the split date minus before it.</summary>
    public double DailyOutChange => DailyOutAfter - DailyOutBefore;

    /// <summary>Relative change of the daily inflow, or null when nothing came in before.</summary>
    public double? DailyInChangePercent => DailyInBefore == 0 ? null : 100 * DailyInChange / DailyInBefore;

    /// <summary><see cref="DailyOutChange"/> as a percentage of the daily outflow before; null when there was none.</summary>
    public double? DailyOutChangePercent => DailyOutBefore == 0 ? null : 100 * DailyOutChange / DailyOutBefore;
}
