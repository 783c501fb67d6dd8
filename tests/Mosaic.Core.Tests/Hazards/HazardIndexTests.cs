using FsCheck;
using FsCheck.Fluent;
using Mosaic.Core.Hazards;
using NetTopologySuite.IO;

namespace Mosaic.Core.Tests.Hazards;

public sealed class HazardIndexTests
{
    private static readonly WKTReader s_wkt = new();

    // Lon/lat near Chilmari: a square with a hole, a multipolygon of two parts (one an L shape), a triangle
    // overlapping the square with a higher severity, and a polygon sharing an edge with the square.
    private static readonly (string Wkt, double Severity)[] s_polygons =
    [
        ("POLYGON ((89.5 25.5, 89.75 25.5, 89.75 25.75, 89.5 25.75, 89.5 25.5), (89.5625 25.5625, 89.6875 25.5625, 89.6875 25.6875, 89.5625 25.6875, 89.5625 25.5625))", 0.5),
        ("MULTIPOLYGON (((89.8 25.5, 89.9 25.5, 89.9 25.6, 89.8 25.6, 89.8 25.5)), ((89.8 25.7, 90 25.7, 90 25.75, 89.85 25.75, 89.85 25.9, 89.8 25.9, 89.8 25.7)))", 0.75),
        ("POLYGON ((89.7 25.45, 89.85 25.65, 89.6 25.65, 89.7 25.45))", 1.0),
        ("POLYGON ((89.75 25.5, 89.78 25.5, 89.78 25.75, 89.75 25.75, 89.75 25.5))", 0.25),
    ];

    private static HazardIndex Index(out List<HazardPolygon> polygons)
    {
        polygons = [.. s_polygons.Select(p => new HazardPolygon(s_wkt.Read(p.Wkt), p.Severity))];
        return HazardIndex.Build([new HazardLayer(HazardType.Flood, "test", "test", polygons)]);
    }

    private static double Expected(List<HazardPolygon> polygons, double x, double y) =>
        polygons.Where(p => ReferencePointInPolygon.Covers(p.Geometry, x, y)).Select(p => p.Severity).DefaultIfEmpty(0).Max();

    [Fact]
    public void PointSeverity_OnVerticesEdgesAndHoles_MatchesExactReference()
    {
        var index = Index(out var polygons);
        var points = new List<(double X, double Y)>();
        // Every vertex and every edge midpoint of every ring (on the boundary, so inside).
        foreach (var p in polygons)
        {
            foreach (var c in p.Geometry.Coordinates)
                points.Add((c.X, c.Y));
        }
        points.AddRange([
            (89.625, 25.625), // centre of the hole: outside the square, but inside the triangle
            (89.52, 25.74),   // in the square, outside hole and triangle
            (89.5625, 25.6),  // on the hole's edge
            (89.75, 25.6),    // on the edge shared by square and neighbour
            (89.82, 25.8),    // in the L's stem
            (89.95, 25.8),    // in the L's notch: outside
            (89.99, 25.51),   // outside everything
            (89.0, 25.0),
        ]);
        foreach (var (x, y) in points)
            Assert.Equal(Expected(polygons, x, y), index.PointSeverity(HazardType.Flood, x, y));
    }

    [Fact]
    public void PointSeverity_RandomLonLatPoints_MatchesExactReference()
    {
        var index = Index(out var polygons);
        // Generic lon/lat points first, then points on a 1/1280-degree grid that hit vertices and axis-aligned edges exactly.
        var gen = Gen.Choose(0, 2560).Select(i => 89.4 + i * 0.7 / 2560)
            .Zip(Gen.Choose(0, 2560).Select(i => 25.4 + i * 0.6 / 2560));
        Prop.ForAll(gen.ToArbitrary(), p => Expected(polygons, p.Item1, p.Item2) == index.PointSeverity(HazardType.Flood, p.Item1, p.Item2))
            .QuickCheckThrowOnFailure();
        Prop.ForAll(Gen.Choose(0, 16 * 40).Zip(Gen.Choose(0, 16 * 40)).ToArbitrary(), p =>
        {
            var (x, y) = (89.4 + p.Item1 / 1280.0, 25.4 + p.Item2 / 1280.0);
            return Expected(polygons, x, y) == index.PointSeverity(HazardType.Flood, x, y);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void PointSeverity_GridAgreesWithNtsStrTreeAndPreparedLocators()
    {
        var index = Index(out _);
        var query = new HazardIndex.PointQuery();
        var random = new Random(5);
        for (var i = 0; i < 20000; i++)
        {
            var (x, y) = (89.4 + random.NextDouble() * 0.7, 25.4 + random.NextDouble() * 0.6);
            Assert.Equal(index.PointSeverityByTree(HazardType.Flood, x, y, query), index.PointSeverity(HazardType.Flood, x, y));
        }
    }

    [Fact]
    public void PointSeverity_WithoutLayerOfType_IsUnknown()
    {
        var index = Index(out _);
        Assert.True(double.IsNaN(index.PointSeverity(HazardType.Erosion, 89.6, 25.6)));
        Assert.False(index.Has(HazardType.Erosion));
    }

    [Fact]
    public void AreaShare_HalfCoveredAtFullSeverityAndOverlaps_CountsEachPointOnceAtItsHighestSeverity()
    {
        var square = s_wkt.Read("POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))");
        var layer = new HazardLayer(HazardType.Flood, "t", "t",
        [
            new HazardPolygon(s_wkt.Read("POLYGON ((0 0, 1 0, 1 2, 0 2, 0 0))"), 1.0),
            // Overlaps the first half entirely and adds the other half at 0.5.
            new HazardPolygon(s_wkt.Read("POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))"), 0.5),
        ]);
        var index = HazardIndex.Build([layer]);
        Assert.Equal(0.75, index.AreaShare(HazardType.Flood, square), 9);
        Assert.Equal(0, index.AreaShare(HazardType.Flood, s_wkt.Read("POLYGON ((5 5, 6 5, 6 6, 5 6, 5 5))")));
    }

    [Fact]
    public void ExposureCalculator_HouseholdWithoutGps_UsesItsAreaBoundaryAndSaysSo()
    {
        var layer = new HazardLayer(HazardType.Flood, "t", "t", [new HazardPolygon(s_wkt.Read("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"), 1.0)]);
        var areas = new[]
        {
            new Mosaic.Core.Areas.Area("P", "Parent", 3, null, s_wkt.Read("POLYGON ((0 0, 4 0, 4 1, 0 1, 0 0))")),
            new Mosaic.Core.Areas.Area("C", "Child without boundary", 4, "P"),
        };
        var calc = new ExposureCalculator(HazardIndex.Build([layer]), areas);
        var exposure = calc.ForArea("C");
        Assert.Equal(ExposureMethod.AreaShare, exposure.Method);
        Assert.Equal("area:P", exposure.MethodCode);
        Assert.Equal(0.25, exposure[HazardType.Flood], 9);
        Assert.Equal(ExposureMethod.None, calc.ForArea("unknown").Method);
    }
}
