namespace Mosaic.Core.Hazards;

/// <summary>
/// A hazard layer: polygons of one hazard type, identified by (type, name); importing a layer with the
/// same type and name replaces it, so re-importing a file is idempotent.
/// </summary>
/// <param name="Type">Hazard type.</param>
/// <param name="Name">Layer name (default: the file name without extension).</param>
/// <param name="Source">Where it came from (file name).</param>
/// <param name="Polygons">The polygons with their severities.</param>
public sealed record HazardLayer(HazardType Type, string Name, string Source, IReadOnlyList<HazardPolygon> Polygons)
{
    /// <summary>First day the layer is valid (e.g. the flood season's start), when known.</summary>
    public DateOnly? ValidFrom { get; init; }

    /// <summary>Last day the layer is valid, when known.</summary>
    public DateOnly? ValidTo { get; init; }
}
