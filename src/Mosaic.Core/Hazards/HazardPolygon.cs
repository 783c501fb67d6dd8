using NetTopologySuite.Geometries;

namespace Mosaic.Core.Hazards;

/// <summary>One polygon of a hazard layer with its severity on 0..1.</summary>
/// <param name="Geometry">Polygon or MultiPolygon in WGS84 lon/lat.</param>
/// <param name="Severity">0 = none … 1 = most severe.</param>
public sealed record HazardPolygon(Geometry Geometry, double Severity);
