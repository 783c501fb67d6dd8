using Mosaic.Core.Areas;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Distance;
using NetTopologySuite.Triangulate;

namespace Mosaic.Core.Demo;

/// <summary>
/// The demo's area tree: the real COD country, divisions and districts it needs (Rangpur → Kurigram, and the
/// districts internal migrants come from), the synthetic upazila and unions of <see cref="ChilmariGeography"/>,
/// and generated villages. Union boundaries are the Voronoi cells of the union centres clipped to the upazila
/// outline; villages are the Voronoi cells of random points inside each union, clipped to it.
/// </summary>
public sealed class DemoGeography
{
    private static readonly DateOnly s_codValidFrom = new(2020, 11, 13);

    /// <summary>Real COD districts outside Kurigram that internal migrants come from (garment belt, neighbours).</summary>
    public static IReadOnlyList<(string Pcode, string Name, string DivisionPcode)> OriginDistricts { get; } =
    [
        ("BD3026", "Dhaka", "BD30"),
        ("BD3033", "Gazipur", "BD30"),
        ("BD3067", "Narayanganj", "BD30"),
        ("BD5532", "Gaibandha", "BD55"),
        ("BD5552", "Lalmonirhat", "BD55"),
        ("BD5585", "Rangpur", "BD55"),
    ];

    private DemoGeography(IReadOnlyList<Area> areas, IReadOnlyList<Area> unions, IReadOnlyList<DemoVillage> villages)
    {
        Areas = areas;
        Unions = unions;
        Villages = villages;
    }

    /// <summary>Every area, parents before children.</summary>
    public IReadOnlyList<Area> Areas { get; }

    /// <summary>The six unions (level 4), in <see cref="ChilmariGeography.Unions"/> order.</summary>
    public IReadOnlyList<Area> Unions { get; }

    /// <summary>The villages (level 5), by union then code.</summary>
    public IReadOnlyList<DemoVillage> Villages { get; }

    /// <summary>Builds the areas for a seed (village count, shapes and names depend on it).</summary>
    public static DemoGeography Build(long seed)
    {
        var areas = new List<Area>
        {
            Cod("BGD", "Bangladesh", 0, null),
            Cod("BD30", "Dhaka", 1, "BGD"),
            Cod(ChilmariGeography.DivisionPcode, ChilmariGeography.DivisionName, 1, "BGD"),
        };
        areas.AddRange(OriginDistricts.Select(d => Cod(d.Pcode, d.Name, 2, d.DivisionPcode)));
        areas.Add(Cod(ChilmariGeography.DistrictPcode, ChilmariGeography.DistrictName, 2, ChilmariGeography.DivisionPcode));
        areas.Add(Local(ChilmariGeography.UpazilaPcode, ChilmariGeography.UpazilaName, 3, ChilmariGeography.DistrictPcode, ChilmariGeography.Outline));

        var unionShapes = UnionShapes();
        var unions = new List<Area>();
        for (var u = 0; u < unionShapes.Count; u++)
        {
            var (pcode, name, _, _, _) = ChilmariGeography.Unions[u];
            unions.Add(Local(pcode, name, 4, ChilmariGeography.UpazilaPcode, unionShapes[u]));
        }
        areas.AddRange(unions);

        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        var villages = new List<DemoVillage>();
        for (var u = 0; u < unions.Count; u++)
            villages.AddRange(BuildVillages(seed, u, unions[u], usedNames));
        areas.AddRange(villages.Select(v => v.Area));
        return new DemoGeography(areas, unions, villages);
    }

    private static List<Geometry> UnionShapes()
    {
        var outline = ChilmariGeography.Outline;
        var centres = ChilmariGeography.Unions.Select(u => new Coordinate(u.Lon, u.Lat)).ToList();
        var cells = VoronoiCells(centres, outline.EnvelopeInternal);
        return [.. cells.Select(c => Clean(c.Intersection(outline)))];
    }

    private static IEnumerable<DemoVillage> BuildVillages(long seed, int unionIndex, Area union, HashSet<string> usedNames)
    {
        var random = DemoRandom.For(seed, DemoStreams.Villages, unionIndex);
        var shape = union.Boundary!;
        var isCharUnion = ChilmariGeography.Unions[unionIndex].IsChar;
        var count = random.Between(15, 25);
        var env = shape.EnvelopeInternal;
        // Keep seed points apart so that no village is a sliver: about half the spacing of a regular grid.
        var minDistance = Math.Sqrt(shape.Area / count) * 0.5;
        var sites = new List<Coordinate>(count);
        var prepared = NetTopologySuite.Geometries.Prepared.PreparedGeometryFactory.Prepare(shape);
        for (var attempt = 0; sites.Count < count && attempt < 20_000; attempt++)
        {
            var c = new Coordinate(random.Uniform(env.MinX, env.MaxX), random.Uniform(env.MinY, env.MaxY));
            if (!prepared.Contains(ChilmariGeography.Factory.CreatePoint(c)))
                continue;
            if (attempt < 10_000 && sites.Any(s => s.Distance(c) < minDistance))
                continue;
            sites.Add(c);
        }
        // Number villages from north-west to south-east, as a COD table would list them.
        sites.Sort((a, b) => b.Y != a.Y ? b.Y.CompareTo(a.Y) : a.X.CompareTo(b.X));
        var cells = VoronoiCells(sites, env);
        for (var i = 0; i < sites.Count; i++)
        {
            var boundary = Clean(cells[i].Intersection(shape));
            var centre = boundary.Centroid;
            var distance = DistanceOp.Distance(centre, ChilmariGeography.RiverCentreLine);
            // Exposure falls from 1 on the channel to 0 about 4 km (0.04°) beyond its banks.
            var exposure = Math.Clamp(1 - (distance - ChilmariGeography.RiverHalfWidthDegrees) / 0.04, 0, 1);
            var isChar = isCharUnion && exposure > 0.45;
            var pcode = union.Pcode + (i + 1).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
            var name = VillageNames.Next(random, isChar, usedNames);
            var weight = Math.Exp(random.Normal(0, 0.45));
            yield return new DemoVillage(Local(pcode, name, 5, union.Pcode, boundary), unionIndex, isChar, exposure, weight);
        }
    }

    /// <summary>Voronoi cells of the sites, in the order of the sites, clipped to (a margin around) the envelope.</summary>
    private static List<Geometry> VoronoiCells(IReadOnlyList<Coordinate> sites, Envelope clip)
    {
        var builder = new VoronoiDiagramBuilder();
        builder.SetSites(sites.ToList());
        var margin = new Envelope(clip);
        margin.ExpandBy(clip.Width, clip.Height);
        builder.ClipEnvelope = margin;
        var diagram = builder.GetDiagram(ChilmariGeography.Factory);
        var bySite = new Dictionary<Coordinate, Geometry>();
        for (var i = 0; i < diagram.NumGeometries; i++)
        {
            var cell = diagram.GetGeometryN(i);
            bySite[(Coordinate)cell.UserData] = cell;
        }
        return [.. sites.Select(s => bySite[s])];
    }

    /// <summary>Keeps the polygonal part of an overlay result (an intersection may add slivers of lower dimension).</summary>
    private static Geometry Clean(Geometry g)
    {
        if (g is Polygon or MultiPolygon)
            return g;
        var polygons = Enumerable.Range(0, g.NumGeometries).Select(g.GetGeometryN).OfType<Polygon>().ToArray();
        return polygons.Length == 1 ? polygons[0] : ChilmariGeography.Factory.CreateMultiPolygon(polygons);
    }

    private static Area Cod(string pcode, string name, int level, string? parent) =>
        new(pcode, name, level, parent) { CountryCode = "BGD", ValidFrom = s_codValidFrom };

    private static Area Local(string pcode, string name, int level, string parent, Geometry boundary) =>
        new(pcode, name, level, parent, boundary) { CountryCode = "BGD" };
}
