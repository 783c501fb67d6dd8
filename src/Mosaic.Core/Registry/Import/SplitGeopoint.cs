namespace Mosaic.Core.Registry.Import;

/// <summary>
/// A geopoint exported as separate columns: ODK Central writes <c>grp-gps-Latitude</c>, <c>-Longitude</c>,
/// <c>-Altitude</c>, <c>-Accuracy</c>; KoboToolbox adds <c>_gps_latitude</c>, <c>_longitude</c>, <c>_altitude</c>,
/// <c>_precision</c> beside the combined column. Read as one <c>"lat lon [alt [accuracy]]"</c> value.
/// </summary>
internal sealed class SplitGeopoint
{
    private static readonly string[] s_odkParts = ["Latitude", "Longitude", "Altitude", "Accuracy"];
    private static readonly string[] s_koboParts = ["latitude", "longitude", "altitude", "precision"];

    private readonly int[] _columns;

    private SplitGeopoint(int[] columns) => _columns = columns;

    /// <summary>The latitude column (named in messages).</summary>
    public int LatitudeColumn => _columns[0];

    /// <summary>Finds the split columns of the first name that has both a latitude and a longitude column.</summary>
    public static SplitGeopoint? Find(IReadOnlyList<string> headers, IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            if (Find(headers, name, s_odkParts, (n, p) => $"{n}-{p}") is { } odk)
                return odk;
            if (Find(headers, name, s_koboParts, (n, p) => $"_{n}_{p}") is { } kobo)
                return kobo;
        }
        return null;
    }

    private static SplitGeopoint? Find(IReadOnlyList<string> headers, string name, string[] parts, Func<string, string, string> compose)
    {
        var columns = new int[parts.Length];
        for (var p = 0; p < parts.Length; p++)
            columns[p] = Column(headers, compose(name, parts[p]));
        return columns[0] >= 0 && columns[1] >= 0 ? new SplitGeopoint(columns) : null;
    }

    /// <summary>The header equal to <paramref name="wanted"/> or ending with it after a group separator.</summary>
    private static int Column(IReadOnlyList<string> headers, string wanted)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            var h = headers[i];
            if (h.Equals(wanted, StringComparison.OrdinalIgnoreCase))
                return i;
            if (h.Length > wanted.Length && h.EndsWith(wanted, StringComparison.OrdinalIgnoreCase) &&
                h[h.Length - wanted.Length - 1] is '-' or '/')
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// The point as <c>"lat lon [alt [accuracy]]"</c>, null when latitude and longitude are both empty. A latitude
    /// without longitude (or the reverse), or a cell holding more than one number, gives a text the GPS rule
    /// rejects, so the row is reported rather than read with a wrong point. Accuracy without altitude is dropped.
    /// </summary>
    public string? Value(SourceRow row)
    {
        var lat = Cell(row, 0);
        var lon = Cell(row, 1);
        if (lat is null && lon is null)
            return null;
        var alt = Cell(row, 2);
        var accuracy = Cell(row, 3);
        string?[] cells = [lat, lon, alt, accuracy];
        foreach (var c in cells)
        {
            if (c is not null && c.Contains(' '))
                return string.Join(" | ", cells.Where(x => x is not null));
        }
        if (lat is null || lon is null)
            return lat ?? lon;
        return alt is null ? $"{lat} {lon}" : accuracy is null ? $"{lat} {lon} {alt}" : $"{lat} {lon} {alt} {accuracy}";
    }

    private string? Cell(SourceRow row, int part) =>
        _columns[part] < 0 ? null : row.Values[_columns[part]]?.Trim() is { Length: > 0 } v ? v : null;
}
