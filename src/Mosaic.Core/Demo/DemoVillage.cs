using Mosaic.Core.Areas;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace Mosaic.Core.Demo;

/// <summary>A generated village (level 5) with what drives its households: river exposure and population weight.</summary>
public sealed class DemoVillage
{
    private readonly IPreparedGeometry _prepared;

    internal DemoVillage(Area area, int unionIndex, bool isChar, double riverExposure, double weight)
    {
        Area = area;
        UnionIndex = unionIndex;
        IsChar = isChar;
        RiverExposure = riverExposure;
        Weight = weight;
        _prepared = PreparedGeometryFactory.Prepare(area.Boundary!);
    }

    /// <summary>The village's area (level, parent, boundary).</summary>
    public Area Area { get; }

    /// <summary>The village's P-code.</summary>
    public string Pcode => Area.Pcode;

    /// <summary>Index of the union in <see cref="ChilmariGeography.Unions"/>.</summary>
    public int UnionIndex { get; }

    /// <summary>The P-code of the union the village lies in.</summary>
    public string UnionPcode => Area.ParentPcode!;

    /// <summary>Whether the village lies on a char (a river island of sand and silt, flooded most years).</summary>
    public bool IsChar { get; }

    /// <summary>0 (far from the Brahmaputra) … 1 (on the main channel): drives floods, erosion and displacement.</summary>
    public double RiverExposure { get; }

    /// <summary>Relative population: the share of households registered here is proportional to it.</summary>
    public double Weight { get; }

    /// <summary>The village's boundary polygon.</summary>
    public Geometry Boundary => Area.Boundary!;

    /// <summary>Whether a point (lon, lat) lies inside the village boundary.</summary>
    public bool Contains(double longitude, double latitude) =>
        _prepared.Contains(ChilmariGeography.Factory.CreatePoint(new Coordinate(longitude, latitude)));

    /// <summary>A uniformly random point inside the boundary (rejection sampling in the envelope).</summary>
    public Coordinate RandomPoint(DemoRandom random)
    {
        var env = Boundary.EnvelopeInternal;
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var x = random.Uniform(env.MinX, env.MaxX);
            var y = random.Uniform(env.MinY, env.MaxY);
            if (Contains(x, y))
                return new Coordinate(x, y);
        }
        // Unreachable for the convex cells the demo builds; an interior point keeps the contract anyway.
        return Boundary.InteriorPoint.Coordinate;
    }
}
