using System.Globalization;
using Mosaic.Core.Areas;
using Mosaic.Core.Registry.Validation;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace Mosaic.Core.Registry.Import;

/// <summary>
/// Checks a household's GPS point against the boundary of its area, or of the nearest area above it that has one
/// (a village coded under a union that has a boundary). A point outside is a warning, never a rejection: boundaries
/// are drawn coarsely and a fix taken at a market is still a fix. Each boundary is prepared once, on first use.
/// When no boundary is imported for the area or above it, the point is checked against the bounding box of the
/// country its P-code starts with (<see cref="CountryBounds"/>, widened by <see cref="CountryBounds.Margin"/>°).
/// </summary>
internal sealed class HouseholdLocations
{
    private readonly Dictionary<string, Area> _areas;
    private readonly Dictionary<string, (Area Area, IPointOnGeometryLocator Locator)?> _bounded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CountryBox?> _countries = new(StringComparer.Ordinal);

    public HouseholdLocations(IEnumerable<Area> areasWithBoundaries)
    {
        _areas = new Dictionary<string, Area>(StringComparer.Ordinal);
        foreach (var area in areasWithBoundaries)
            _areas[area.Pcode] = area;
    }

    /// <summary>Null when the point is plausible for the area, else the warning's reason.</summary>
    public string? Check(string pcode, GeoPoint point)
    {
        if (point.Latitude == 0 && point.Longitude == 0)
            return "GPS 0 0 is in the Gulf of Guinea: a missing fix recorded as zeros?";
        if (Bounded(pcode) is not { } bounded)
            return CheckCountry(pcode, point);
        if (Inside(bounded.Locator, point.Latitude, point.Longitude))
            return null;
        var whose = bounded.Area.Pcode == pcode ? $"its area {Describe(bounded.Area)}" : $"{Describe(bounded.Area)}, which contains {pcode}";
        var text = string.Create(CultureInfo.InvariantCulture, $"GPS {point.Latitude} {point.Longitude} lies outside the boundary of {whose}");
        return Inside(bounded.Locator, point.Longitude, point.Latitude)
            ? text + ": latitude and longitude swapped? (the swapped point is inside)"
            : text + ": check the point or the P-code (the household is stored)";
    }

    private string? CheckCountry(string pcode, GeoPoint point)
    {
        if (Country(pcode) is not { } box || box.Contains(point.Latitude, point.Longitude, CountryBounds.Margin))
            return null;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"GPS {point.Latitude} {point.Longitude} lies outside {box.Name} ({box.Iso2}), the country of {pcode} " +
            $"(no boundary is imported for it: checked against the country's bounding box)");
        return box.Contains(point.Longitude, point.Latitude, CountryBounds.Margin)
            ? text + ": latitude and longitude swapped? (the swapped point is inside)"
            : text + ": check the point or the P-code (the household is stored)";
    }

    /// <summary>The country of the area's P-code, else of the nearest area above it whose P-code names one.</summary>
    private CountryBox? Country(string pcode)
    {
        if (_countries.TryGetValue(pcode, out var known))
            return known;
        CountryBox? found = null;
        string? code = pcode;
        for (var depth = 0; depth < 32 && code is not null; depth++)
        {
            if ((found = CountryBounds.ForPcode(code)) is not null)
                break;
            code = _areas.TryGetValue(code, out var area) ? area.ParentPcode : null;
        }
        _countries[pcode] = found;
        return found;
    }

    private static string Describe(Area area) => $"{area.Pcode} ({area.Name})";

    private static bool Inside(IPointOnGeometryLocator locator, double latitude, double longitude) =>
        latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180 &&
        locator.Locate(new Coordinate(longitude, latitude)) != Location.Exterior;

    private (Area Area, IPointOnGeometryLocator Locator)? Bounded(string pcode)
    {
        if (_bounded.TryGetValue(pcode, out var known))
            return known;
        (Area, IPointOnGeometryLocator)? found = null;
        // Walk up to the nearest area with a boundary; a cycle in a broken tree ends at the depth limit.
        var code = pcode;
        for (var depth = 0; depth < 32 && code is not null && _areas.TryGetValue(code, out var area); depth++)
        {
            if (area.Boundary is { IsEmpty: false } boundary)
            {
                found = (area, new IndexedPointInAreaLocator(boundary));
                break;
            }
            code = area.ParentPcode;
        }
        _bounded[pcode] = found;
        return found;
    }
}
