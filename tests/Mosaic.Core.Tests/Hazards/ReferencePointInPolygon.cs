using NetTopologySuite.Geometries;

namespace Mosaic.Core.Tests.Hazards;

/// <summary>
/// An independent, exact point-in-polygon test (crossing number with an explicit on-boundary check), the
/// reference the index is compared with. Boundary points count as inside, like PostGIS ST_Intersects.
/// </summary>
internal static class ReferencePointInPolygon
{
    public static bool Covers(Geometry geometry, double x, double y)
    {
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            var polygon = (Polygon)geometry.GetGeometryN(i);
            if (OnBoundary(polygon.Shell.Coordinates, x, y))
                return true;
            if (!Inside(polygon.Shell.Coordinates, x, y))
                continue;
            var inHole = false;
            foreach (var hole in polygon.Holes)
            {
                if (OnBoundary(hole.Coordinates, x, y))
                    return true;
                if (Inside(hole.Coordinates, x, y))
                    inHole = true;
            }
            if (!inHole)
                return true;
        }
        return false;
    }

    private static bool Inside(Coordinate[] ring, double x, double y)
    {
        var inside = false;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            var (xi, yi, xj, yj) = (ring[i].X, ring[i].Y, ring[j].X, ring[j].Y);
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
                inside = !inside;
        }
        return inside;
    }

    private static bool OnBoundary(Coordinate[] ring, double x, double y)
    {
        for (var i = 0; i < ring.Length - 1; i++)
        {
            var (ax, ay, bx, by) = (ring[i].X, ring[i].Y, ring[i + 1].X, ring[i + 1].Y);
            // Collinear (exact in doubles for the test's axis-aligned edges and vertices) and within the segment box.
            var cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
            if (cross == 0 && x >= Math.Min(ax, bx) && x <= Math.Max(ax, bx) && y >= Math.Min(ay, by) && y <= Math.Max(ay, by))
                return true;
        }
        return false;
    }
}
