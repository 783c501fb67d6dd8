using System.Text.Json;
using Mosaic.Core.Geo;
using Mosaic.Core.Hazards;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Buffer;

namespace Mosaic.Core.Demo;

/// <summary>
/// The demo's hazard layers along the Brahmaputra in Chilmari: flood zones as bands around the river
/// centre line (very high in the channel and chars, decreasing outwards, with a seeded wobble so the bands
/// are not perfect), and riverbank-erosion strips on both banks in stretches of varying severity.
/// Deterministic for a seed.
/// </summary>
internal static class HazardDemo
{
    /// <summary>Flood bands: outer half-width in degrees and severity (inner bands drawn over outer ones).</summary>
    private static readonly (double HalfWidth, double Severity)[] s_floodBands =
    [
        (0.055, 0.25), (0.035, 0.5), (0.02, 0.75), (0.01, 1.0),
    ];

    public static HazardLayer Flood(int seed = 1)
    {
        var random = new Random(seed);
        var f = ChilmariGeography.Factory;
        var clip = ChilmariGeography.Outline.Buffer(0.01);
        var polygons = new List<HazardPolygon>();
        Geometry? inner = null;
        foreach (var (halfWidth, severity) in s_floodBands.Reverse())
        {
            var line = Wobble(ChilmariGeography.RiverCentreLine, random, halfWidth * 0.25);
            var band = line.Buffer(halfWidth, new BufferParameters { EndCapStyle = EndCapStyle.Flat, QuadrantSegments = 6 }).Intersection(clip);
            var ring = inner is null ? band : band.Difference(inner);
            inner = inner is null ? band : inner.Union(band);
            foreach (var polygon in Polygons(ring))
                polygons.Add(new HazardPolygon(f.CreateGeometry(polygon), severity));
        }
        return new HazardLayer(HazardType.Flood, "demo-flood", "mosaic demo", polygons);
    }

    public static HazardLayer Erosion(int seed = 1)
    {
        var random = new Random(seed + 7919);
        var f = ChilmariGeography.Factory;
        var polygons = new List<HazardPolygon>();
        var river = ChilmariGeography.RiverCentreLine.Coordinates;
        foreach (var side in new[] { -1.0, 1.0 })
        {
            // Each stretch between centre-line vertices erodes at its own rate: the outer bank of a bend the most.
            for (var i = 0; i < river.Length - 1; i++)
            {
                var a = river[i];
                var b = river[i + 1];
                var (nx, ny) = Normal(a, b);
                var offset = ChilmariGeography.RiverHalfWidthDegrees + 0.002;
                var width = 0.003 + random.NextDouble() * 0.004;
                var severity = Math.Round(0.3 + random.NextDouble() * 0.7, 2);
                Coordinate P(Coordinate c, double d) => new(c.X + side * nx * d, c.Y + side * ny * d);
                var ring = new[] { P(a, offset), P(b, offset), P(b, offset + width), P(a, offset + width), P(a, offset) };
                var polygon = f.CreatePolygon(side > 0 ? ring : [.. ring.Reverse()]);
                polygons.Add(new HazardPolygon(polygon.IsValid ? polygon : polygon.Buffer(0), severity));
            }
        }
        return new HazardLayer(HazardType.Erosion, "demo-erosion", "mosaic demo", polygons);
    }

    /// <summary>Writes a layer as a GeoJSON FeatureCollection with a <c>severity</c> property (the import format).</summary>
    public static void WriteGeoJson(HazardLayer layer, string path)
    {
        var collection = new FeatureCollection();
        foreach (var p in layer.Polygons)
            collection.Add(new Feature(p.Geometry, new AttributesTable { { "severity", p.Severity }, { "hazard", HazardTypes.Codes[layer.Type] } }));
        using var stream = File.Create(path);
        JsonSerializer.Serialize(stream, collection, GeoJson.Options);
    }

    private static LineString Wobble(LineString line, Random random, double amplitude)
    {
        var coords = line.Coordinates.Select(c => new Coordinate(c.X + (random.NextDouble() - 0.5) * amplitude, c.Y)).ToArray();
        return ChilmariGeography.Factory.CreateLineString(coords);
    }

    private static (double X, double Y) Normal(Coordinate a, Coordinate b)
    {
        var dx = b.X - a.X;
        var dy = b.Y - a.Y;
        var len = Math.Sqrt(dx * dx + dy * dy);
        return (dy / len, -dx / len);
    }

    private static IEnumerable<Polygon> Polygons(Geometry g)
    {
        for (var i = 0; i < g.NumGeometries; i++)
        {
            if (g.GetGeometryN(i) is Polygon { IsEmpty: false } p)
                yield return p;
        }
    }
}
