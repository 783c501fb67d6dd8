using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Mosaic.Core.Hazards;

/// <summary>
/// Hazard polygons of every loaded layer, indexed per hazard type. Point queries (GPS households) use a
/// <see cref="PointHazardGrid"/>; area queries (households without GPS) use an NTS STRtree over polygon
/// envelopes, built on first use, with NTS overlay for the covered share. Immutable after
/// <see cref="Build"/> and safe to query from several threads.
/// </summary>
internal sealed class HazardIndex
{
    private readonly PointHazardGrid?[] _grids = new PointHazardGrid?[HazardTypes.Count];
    private readonly Lazy<STRtree<Entry>?[]> _lazyTrees;

    private HazardIndex(IReadOnlyList<HazardLayer> layers)
    {
        _lazyTrees = new Lazy<STRtree<Entry>?[]>(() => BuildTrees(layers));
    }

    private STRtree<Entry>?[] Trees => _lazyTrees.Value;

    /// <summary>An index without layers: every exposure is unknown.</summary>
    public static HazardIndex Empty { get; } = new([]);

    /// <summary>Indexes the polygons of the layers (several layers of one type are merged).</summary>
    public static HazardIndex Build(IEnumerable<HazardLayer> layers)
    {
        var list = layers.ToList();
        var index = new HazardIndex(list);
        foreach (var group in list.GroupBy(l => l.Type))
            index._grids[(int)group.Key] = new PointHazardGrid(group.SelectMany(l => l.Polygons));
        return index;
    }

    private static STRtree<Entry>?[] BuildTrees(IReadOnlyList<HazardLayer> layers)
    {
        var trees = new STRtree<Entry>?[HazardTypes.Count];
        foreach (var layer in layers)
        {
            var tree = trees[(int)layer.Type] ??= new STRtree<Entry>();
            foreach (var polygon in layer.Polygons)
            {
                var locator = new IndexedPointInAreaLocator(polygon.Geometry);
                // The locator builds its edge index lazily; build it now so concurrent queries only read.
                locator.Locate(polygon.Geometry.EnvelopeInternal.Centre);
                tree.Insert(polygon.Geometry.EnvelopeInternal, new Entry(polygon.Geometry, locator, polygon.Severity));
            }
        }
        foreach (var tree in trees)
            tree?.Build();
        return trees;
    }

    /// <summary>Whether at least one layer of the type is loaded (else exposure to it is unknown).</summary>
    public bool Has(HazardType type) => _grids[(int)type] is not null;

    /// <summary>The hazard types with a loaded layer.</summary>
    public IEnumerable<HazardType> Types => Enum.GetValues<HazardType>().Where(Has);

    /// <summary>
    /// Highest severity among the polygons of a type that contain the point (boundary included, as
    /// PostGIS <c>ST_Intersects</c>); 0 when none does. NaN when no layer of the type is loaded.
    /// </summary>
    public double PointSeverity(HazardType type, double lon, double lat) => PointSeverity(type, lon, lat, new PointQuery());

    /// <summary>As <see cref="PointSeverity(HazardType,double,double)"/>, reusing a per-thread query buffer.</summary>
    public double PointSeverity(HazardType type, double lon, double lat, PointQuery query)
    {
        var grid = _grids[(int)type];
        return grid is null ? double.NaN : grid.Severity(lon, lat);
    }

    /// <summary>
    /// The same answer through the STRtree and NTS's indexed point-in-area locators (kept as the reference
    /// implementation the grid is tested and benchmarked against).
    /// </summary>
    internal double PointSeverityByTree(HazardType type, double lon, double lat, PointQuery query)
    {
        var tree = Trees[(int)type];
        if (tree is null)
            return double.NaN;
        var visitor = query.Visitor;
        visitor.Reset(lon, lat);
        tree.Query(visitor.Envelope, visitor);
        return visitor.Max;
    }

    /// <summary>
    /// Share of an area covered by the hazard, weighted by severity: the integral of the highest severity
    /// over the area divided by its area (overlapping polygons count once, at their highest severity).
    /// Areas are measured in degrees², which is exact for the ratio up to the cos(latitude) variation across
    /// the area (negligible for a union or a village). NaN when no layer of the type is loaded.
    /// </summary>
    public double AreaShare(HazardType type, Geometry boundary)
    {
        var tree = Trees[(int)type];
        if (tree is null)
            return double.NaN;
        var total = boundary.Area;
        if (total <= 0)
            return 0;
        var candidates = tree.Query(boundary.EnvelopeInternal)
            .OrderByDescending(e => e.Severity)
            .ToList();
        Geometry? covered = null;
        double sum = 0;
        foreach (var entry in candidates)
        {
            if (entry.Severity <= 0 || !entry.Geometry.Intersects(boundary))
                continue;
            // OverlayNGRobust falls back to snapping when floating-point noding fails ("found non-noded intersection"
            // between polygons of two layers that share edges up to the last digit).
            var piece = OverlayNGRobust.Overlay(entry.Geometry, boundary, SpatialFunction.Intersection);
            if (covered is not null)
                piece = OverlayNGRobust.Overlay(piece, covered, SpatialFunction.Difference);
            if (piece.IsEmpty)
                continue;
            sum += piece.Area * entry.Severity;
            covered = covered is null ? piece : OverlayNGRobust.Overlay(covered, piece, SpatialFunction.Union);
        }
        return Math.Clamp(sum / total, 0, 1);
    }

    internal sealed record Entry(Geometry Geometry, IndexedPointInAreaLocator Locator, double Severity);

    /// <summary>A reusable point query (one per thread): no allocation per household.</summary>
    public sealed class PointQuery
    {
        internal Visitor Visitor { get; } = new();
    }

    internal sealed class Visitor : IItemVisitor<Entry>
    {
        private readonly Coordinate _point = new();

        public Envelope Envelope { get; } = new();

        public double Max { get; private set; }

        public void Reset(double lon, double lat)
        {
            _point.X = lon;
            _point.Y = lat;
            Envelope.Init(lon, lon, lat, lat);
            Max = 0;
        }

        public void VisitItem(Entry item)
        {
            // Only a more severe polygon can change the answer: skip the edge tests otherwise.
            if (item.Severity <= Max)
                return;
            if (item.Locator.Locate(_point) != Location.Exterior)
                Max = item.Severity;
        }
    }
}
