using System.Globalization;
using Mosaic.Core.Import;

namespace Mosaic.Core.Mobility.Import;

/// <summary>
/// What a flows file changes in a stored flow monitoring point (its name, type, area, location or countries),
/// as warnings that name the point, the old and the new value: a re-import never changes a point silently.
/// </summary>
internal static class FlowPointChanges
{
    public static IEnumerable<ImportIssue> Describe(string file, long row, FlowMonitoringPoint stored, FlowMonitoringPoint read)
    {
        var code = stored.Code;
        if (stored.Name != read.Name)
            yield return Warning(FlowFileFormat.PointName, read.Name, $"point {code} renamed from '{stored.Name}' to '{read.Name}'");
        if (stored.Type != read.Type)
        {
            var type = MobilityCodes.PointType[read.Type];
            yield return Warning(FlowFileFormat.PointType, type, $"point {code} ('{read.Name}') changes type from {MobilityCodes.PointType[stored.Type]} to {type}");
        }
        if (stored.AreaPcode != read.AreaPcode)
            yield return Warning(FlowFileFormat.PointPcode, read.AreaPcode, $"point {code} ('{read.Name}') moves from area {stored.AreaPcode ?? "(none)"} to {read.AreaPcode ?? "(none)"}");
        if (stored.Location != read.Location)
            yield return Warning(FlowFileFormat.PointLat, Format(read.Location), $"point {code} ('{read.Name}') moves from {Format(stored.Location)} to {Format(read.Location)}");
        if (!stored.Countries.SequenceEqual(read.Countries))
        {
            var countries = string.Join(' ', read.Countries);
            yield return Warning(FlowFileFormat.PointCountries, countries, $"point {code} ('{read.Name}') now connects {countries} (was {string.Join(' ', stored.Countries)})");
        }

        ImportIssue Warning(string column, string? value, string reason) => new(file, null, row, column, value, reason);
    }

    private static string Format(Registry.GeoPoint? p) =>
        p is { } g ? string.Create(CultureInfo.InvariantCulture, $"{g.Latitude} {g.Longitude}") : "(no location)";
}
