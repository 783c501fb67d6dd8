using Mosaic.Core.Mobility;

namespace Mosaic.Core.Application.Reports;

/// <summary>The daily flow series of every monitoring point a reader may see (<see cref="Mobility.Analysis.FlowSeries"/>).</summary>
/// <param name="Points">One series per point, in the store's order.</param>
public sealed record FlowSeriesReport(IReadOnlyList<FlowPointSeries> Points);

/// <summary>A monitoring point's daily series and the closures its counts show.</summary>
/// <param name="Code">The point's code.</param>
/// <param name="Name">Its name.</param>
/// <param name="AreaPcode">The area it lies in, when known.</param>
/// <param name="Days">Persons counted per day, each way, oldest first.</param>
/// <param name="Events">Closures detected in the daily counts (<see cref="FlowEvents.Closures"/>).</param>
public sealed record FlowPointSeries(string Code, string Name, string? AreaPcode, IReadOnlyList<FlowDay> Days, IReadOnlyList<FlowEvent> Events);

/// <summary>Persons counted crossing a point on one day, each way (every reason and traveller type).</summary>
/// <param name="Date">The day.</param>
/// <param name="In">Persons counted coming in.</param>
/// <param name="Out">Persons counted going out.</param>
public sealed record FlowDay(DateOnly Date, long In, long Out);
