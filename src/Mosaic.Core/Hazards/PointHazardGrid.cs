using NetTopologySuite.Geometries;

namespace Mosaic.Core.Hazards;

/// <summary>
/// The point-query index of one hazard type, built for a million GPS lookups: a uniform grid over the
/// layer whose cells list the polygons whose envelopes touch them, sorted by severity (highest first), so a
/// lookup stops at the first polygon that contains the point — that is the highest severity. Each polygon
/// keeps its ring edges in horizontal slabs, so the exact crossing-number test only reads the handful of
/// edges at the point's latitude. Points on an edge or vertex count as inside (as PostGIS ST_Intersects).
/// Measured against NTS STRtree + IndexedPointInAreaLocator on the benchmark: see docs/benchmarks.md.
/// </summary>
internal sealed class PointHazardGrid
{
    private readonly Part[] _parts;
    private readonly double _minX, _minY, _cellW, _cellH;
    private readonly int _nx, _ny;
    private readonly int[] _cellStart;
    private readonly int[] _cellItems;

    public PointHazardGrid(IEnumerable<HazardPolygon> polygons)
    {
        // One part per polygon of a multipolygon; parts sorted by severity, highest first (stable by input order).
        _parts = [.. polygons
            .SelectMany(p => Enumerable.Range(0, p.Geometry.NumGeometries).Select(i => (Polygon)p.Geometry.GetGeometryN(i)).Select(g => (g, p.Severity)))
            .Where(x => !x.g.IsEmpty)
            .Select((x, i) => (x.g, x.Severity, i))
            .OrderByDescending(x => x.Severity).ThenBy(x => x.i)
            .Select(x => new Part(x.g, x.Severity))];
        if (_parts.Length == 0)
        {
            _cellStart = [0, 0];
            _cellItems = [];
            _nx = _ny = 1;
            _cellW = _cellH = 1;
            return;
        }
        var env = new Envelope();
        foreach (var p in _parts)
            env.ExpandToInclude(p.MinX, p.MinY);
        foreach (var p in _parts)
            env.ExpandToInclude(p.MaxX, p.MaxY);
        // About two cells per polygon: candidate lists stay short without a huge grid.
        var side = (int)Math.Clamp(Math.Ceiling(Math.Sqrt(_parts.Length * 2.0)), 1, 2048);
        _nx = _ny = side;
        _minX = env.MinX;
        _minY = env.MinY;
        _cellW = Math.Max(env.Width / _nx, 1e-12);
        _cellH = Math.Max(env.Height / _ny, 1e-12);
        var counts = new int[_nx * _ny + 1];
        ForEachCell((_, cell) => counts[cell]++);
        _cellStart = new int[counts.Length];
        for (var c = 0; c < counts.Length - 1; c++)
            _cellStart[c + 1] = _cellStart[c] + counts[c];
        _cellItems = new int[_cellStart[^1]];
        var fill = (int[])_cellStart.Clone();
        ForEachCell((part, cell) => _cellItems[fill[cell]++] = part);
    }

    private void ForEachCell(Action<int, int> action)
    {
        for (var i = 0; i < _parts.Length; i++)
        {
            var p = _parts[i];
            var x0 = CellX(p.MinX);
            var x1 = CellX(p.MaxX);
            var y0 = CellY(p.MinY);
            var y1 = CellY(p.MaxY);
            for (var y = y0; y <= y1; y++)
            {
                for (var x = x0; x <= x1; x++)
                    action(i, y * _nx + x);
            }
        }
    }

    private int CellX(double x) => Math.Clamp((int)((x - _minX) / _cellW), 0, _nx - 1);

    private int CellY(double y) => Math.Clamp((int)((y - _minY) / _cellH), 0, _ny - 1);

    /// <summary>Highest severity of the polygons covering the point, 0 when none.</summary>
    public double Severity(double x, double y)
    {
        if (x < _minX || y < _minY || x > _minX + _cellW * _nx || y > _minY + _cellH * _ny)
            return 0;
        var cell = CellY(y) * _nx + CellX(x);
        for (var k = _cellStart[cell]; k < _cellStart[cell + 1]; k++)
        {
            var part = _parts[_cellItems[k]];
            if (part.Covers(x, y))
                return part.Severity;
        }
        return 0;
    }

    /// <summary>One polygon: its ring edges bucketed into horizontal slabs.</summary>
    private sealed class Part
    {
        private readonly double[] _x1, _y1, _x2, _y2;
        private readonly int[] _slabStart;
        private readonly int[] _slabEdges;
        private readonly double _slabH;

        public Part(Polygon polygon, double severity)
        {
            Severity = severity;
            var env = polygon.EnvelopeInternal;
            (MinX, MinY, MaxX, MaxY) = (env.MinX, env.MinY, env.MaxX, env.MaxY);
            var edges = new List<(double, double, double, double)>();
            foreach (var ring in new[] { polygon.Shell }.Concat(polygon.Holes))
            {
                var c = ring.CoordinateSequence;
                for (var i = 0; i < c.Count - 1; i++)
                    edges.Add((c.GetX(i), c.GetY(i), c.GetX(i + 1), c.GetY(i + 1)));
            }
            _x1 = [.. edges.Select(e => e.Item1)];
            _y1 = [.. edges.Select(e => e.Item2)];
            _x2 = [.. edges.Select(e => e.Item3)];
            _y2 = [.. edges.Select(e => e.Item4)];
            var slabs = Math.Clamp(edges.Count / 4, 1, 64);
            _slabH = Math.Max((MaxY - MinY) / slabs, 1e-15);
            var lists = new List<int>[slabs];
            for (var s = 0; s < slabs; s++)
                lists[s] = [];
            for (var e = 0; e < edges.Count; e++)
            {
                var lo = Slab(Math.Min(_y1[e], _y2[e]), slabs);
                var hi = Slab(Math.Max(_y1[e], _y2[e]), slabs);
                for (var s = lo; s <= hi; s++)
                    lists[s].Add(e);
            }
            _slabStart = new int[slabs + 1];
            for (var s = 0; s < slabs; s++)
                _slabStart[s + 1] = _slabStart[s] + lists[s].Count;
            _slabEdges = [.. lists.SelectMany(l => l)];
        }

        public double Severity { get; }

        public double MinX { get; }

        public double MinY { get; }

        public double MaxX { get; }

        public double MaxY { get; }

        private int Slab(double y, int slabs) => Math.Clamp((int)((y - MinY) / _slabH), 0, slabs - 1);

        /// <summary>Crossing number over every ring (holes make it even), with an exact on-edge check first.</summary>
        public bool Covers(double x, double y)
        {
            if (x < MinX || x > MaxX || y < MinY || y > MaxY)
                return false;
            var slab = Slab(y, _slabStart.Length - 1);
            var inside = false;
            for (var k = _slabStart[slab]; k < _slabStart[slab + 1]; k++)
            {
                var e = _slabEdges[k];
                double ax = _x1[e], ay = _y1[e], bx = _x2[e], by = _y2[e];
                // On the edge: collinear and inside its bounding box.
                if (y >= Math.Min(ay, by) && y <= Math.Max(ay, by) && x >= Math.Min(ax, bx) && x <= Math.Max(ax, bx)
                    && (bx - ax) * (y - ay) - (by - ay) * (x - ax) == 0)
                    return true;
                if ((ay > y) != (by > y) && x < (bx - ax) * (y - ay) / (by - ay) + ax)
                    inside = !inside;
            }
            return inside;
        }
    }
}
