using Mosaic.Core.Areas;
using Mosaic.Core.Registry;
using NetTopologySuite.Geometries;

namespace Mosaic.Core.Hazards;

/// <summary>
/// Computes every household's exposure: by GPS point where there is one, else by the severity-weighted
/// hazard share of its area's boundary (walking up the P-code tree to the nearest area with a boundary).
/// Area shares are computed once per area and cached.
/// </summary>
public sealed class ExposureCalculator
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
        var result = new HouseholdExposure[households.Count];
        // Area shares first and sequentially: they are few, cached, and NTS overlay is not worth contending on.
        for (var i = 0; i < households.Count; i++)
        {
            if (households[i].Gps is null)
                result[i] = ForArea(households[i].AreaPcode);
        }
        Parallel.For(0, households.Count, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism },
            () => new HazardIndex.PointQuery(),
            (i, _, query) =>
            {
                if (households[i].Gps is { } gps)
                    result[i] = ForPoint(gps.Longitude, gps.Latitude, query);
                return query;
            },
            _ => { });
        return result;
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
