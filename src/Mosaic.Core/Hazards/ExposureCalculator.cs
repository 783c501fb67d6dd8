using System.Buffers;
using Mosaic.Core.Areas;
using Mosaic.Core.Registry;
using NetTopologySuite.Geometries;

namespace Mosaic.Core.Hazards;

/// <summary>
/// Computes every household's exposure: by GPS point where there is one, else by the severity-weighted
/// hazard share of its area's boundary (walking up the P-code tree to the nearest area with a boundary).
/// Area shares are computed once per area and cached.
/// </summary>
internal sealed class ExposureCalculator
{
    private readonly HazardIndex _index;
    private readonly Dictionary<string, Area> _areas;
    private readonly Dictionary<string, HouseholdExposure> _byArea = new(StringComparer.Ordinal);
    private readonly HazardType[] _types;

    public ExposureCalculator(HazardIndex index, IEnumerable<Area> areasWithBoundaries)
    {
        _index = index;
        _areas = areasWithBoundaries.ToDictionary(a => a.Pcode, StringComparer.Ordinal);
        _types = [.. index.Types];
    }

    /// <summary>Exposures of the households, in order. GPS lookups run in parallel.</summary>
    public HouseholdExposure[] Compute(IReadOnlyList<Household> households, int maxParallelism = -1)
    {
        var columns = new ExposureColumns(households.Count);
        ComputeInto(households, columns, columns.Append(households.Count), maxParallelism);
        var result = new HouseholdExposure[households.Count];
        for (var i = 0; i < result.Length; i++)
            result[i] = columns[i];
        return result;
    }

    /// <summary>
    /// Writes the households' exposures to <paramref name="columns"/> from index <paramref name="start"/> on
    /// (rows already appended, values unknown). GPS lookups run in parallel and allocate nothing per household.
    /// </summary>
    public void ComputeInto(IReadOnlyList<Household> households, ExposureColumns columns, int start, int maxParallelism = -1)
    {
        var lon = new double[households.Count];
        var lat = new double[households.Count];
        for (var i = 0; i < households.Count; i++)
            (lon[i], lat[i]) = households[i].Gps is { } p ? (p.Longitude, p.Latitude) : (double.NaN, double.NaN);
        ComputeInto(households.Count, i => households[i].AreaPcode, lon, lat, columns, start, maxParallelism);
    }

    /// <summary>
    /// As the other overload, from columns: household i's area is <paramref name="areaOf"/>(i), its GPS point
    /// (<paramref name="lon"/>[i], <paramref name="lat"/>[i]), NaN for a household without one.
    /// </summary>
    public void ComputeInto(
        int count, Func<int, string> areaOf, ReadOnlySpan<double> lon, ReadOnlySpan<double> lat, ExposureColumns columns, int start, int maxParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(areaOf);
        if (lon.Length < count || lat.Length < count)
            throw new ArgumentException("fewer coordinates than households");
        // Area shares first and sequentially: they are few, cached, and NTS overlay is not worth contending on.
        var gpsCount = 0;
        for (var i = 0; i < count; i++)
        {
            if (double.IsNaN(lat[i]) || double.IsNaN(lon[i]))
                columns.Set(start + i, ForArea(areaOf(i)));
            else
                gpsCount++;
        }
        // Visit GPS points in Morton (Z-order) order: neighbouring households then query the same grid cells and
        // polygon edge slabs, which stay in cache; on a million points this is faster than input order.
        // Rented: a streamed run calls this once per chunk, and fresh arrays of this size would be large-object garbage each time.
        var keys = ArrayPool<ulong>.Shared.Rent(gpsCount);
        var order = ArrayPool<int>.Shared.Rent(gpsCount);
        var points = ArrayPool<(double Lon, double Lat)>.Shared.Rent(gpsCount);
        try
        {
            Walk(count, lon, lat, columns, start, maxParallelism, gpsCount, keys, order, points);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
            ArrayPool<int>.Shared.Return(order);
            ArrayPool<(double Lon, double Lat)>.Shared.Return(points);
        }
    }

    /// <summary>Exposure of the GPS points, visited in Z-order (the first <paramref name="gpsCount"/> entries of the buffers are used).</summary>
    private void Walk(int count, ReadOnlySpan<double> lon, ReadOnlySpan<double> lat, ExposureColumns columns, int start, int maxParallelism,
        int gpsCount, ulong[] keys, int[] order, (double Lon, double Lat)[] points)
    {
        for (int i = 0, k = 0; i < count; i++)
        {
            if (!double.IsNaN(lat[i]) && !double.IsNaN(lon[i]))
            {
                order[k] = i;
                keys[k++] = Morton(lon[i], lat[i]);
            }
        }
        Array.Sort(keys, order, 0, gpsCount);
        for (var k = 0; k < gpsCount; k++)
            points[k] = (lon[order[k]], lat[order[k]]);
        Parallel.For(0, (gpsCount + ChunkSize - 1) / ChunkSize, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism },
            () => new HazardIndex.PointQuery(),
            (chunk, _, query) =>
            {
                var end = Math.Min(gpsCount, (chunk + 1) * ChunkSize);
                for (var k = chunk * ChunkSize; k < end; k++)
                {
                    var row = start + order[k];
                    var (x, y) = points[k];
                    columns.SetGps(row);
                    var values = columns.Values(row);
                    foreach (var type in _types)
                        values[(int)type] = _index.PointSeverity(type, x, y, query);
                }
                return query;
            },
            _ => { });
    }

    private const int ChunkSize = 4096;

    /// <summary>Interleaves 24-bit quantised lon and lat (about 2 m and 1 m steps) into a Z-order key.</summary>
    private static ulong Morton(double lon, double lat)
    {
        var x = (ulong)Math.Clamp((lon + 180) / 360 * (1 << 24), 0, (1 << 24) - 1);
        var y = (ulong)Math.Clamp((lat + 90) / 180 * (1 << 24), 0, (1 << 24) - 1);
        return Spread(x) | (Spread(y) << 1);
    }

    private static ulong Spread(ulong v)
    {
        v = (v | (v << 16)) & 0x0000FFFF0000FFFFUL;
        v = (v | (v << 8)) & 0x00FF00FF00FF00FFUL;
        v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0FUL;
        v = (v | (v << 2)) & 0x3333333333333333UL;
        return (v | (v << 1)) & 0x5555555555555555UL;
    }

    /// <summary>Exposure of a GPS point.</summary>
    public HouseholdExposure ForPoint(double lon, double lat, HazardIndex.PointQuery query)
    {
        var values = HouseholdExposure.Unknowns();
        foreach (var type in _types)
            values[(int)type] = _index.PointSeverity(type, lon, lat, query);
        return new HouseholdExposure(ExposureMethod.Gps, null, values);
    }

    /// <summary>Exposure of a household without GPS in an area (cached per area).</summary>
    public HouseholdExposure ForArea(string pcode)
    {
        if (_byArea.TryGetValue(pcode, out var cached))
            return cached;
        var exposure = HouseholdExposure.Unknown;
        if (FindBoundary(pcode) is { } found && _types.Length > 0)
        {
            var values = HouseholdExposure.Unknowns();
            foreach (var type in _types)
                values[(int)type] = _index.AreaShare(type, found.Boundary);
            exposure = new HouseholdExposure(ExposureMethod.AreaShare, found.Pcode, values);
        }
        _byArea[pcode] = exposure;
        return exposure;
    }

    private (string Pcode, Geometry Boundary)? FindBoundary(string pcode)
    {
        var seen = 0;
        for (var code = pcode; code is not null && seen++ < 16 && _areas.TryGetValue(code, out var area); code = area.ParentPcode)
        {
            if (area.Boundary is { IsEmpty: false } boundary)
                return (area.Pcode, boundary);
        }
        return null;
    }
}
