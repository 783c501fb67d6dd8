using System.Globalization;
using Mosaic.Core.Import;
using Mosaic.Core.Import.Csv;
using Mosaic.Core.Registry;

namespace Mosaic.Core.Mobility.Import;

/// <summary>Validates one row of a flows file; every problem names the row, the column and the value.</summary>
internal sealed class FlowRowParser(string file, HeaderIndex header, DateOnly earliest, DateOnly latest, List<ImportIssue> issues)
{
    private readonly int[] _cells = [.. FlowCounts.CellNames.Select(n => header.Find(n) ?? -1)];

    public bool CheckHeader(long row)
    {
        foreach (var required in new[] { FlowFileFormat.PointCode, FlowFileFormat.Date, FlowFileFormat.Direction })
        {
            if (header.Find(required) is null)
                issues.Add(new ImportIssue(file, null, row, required, null, $"required column '{required}' is missing (see the flows file format in docs/user-guide/mobility.md)"));
        }
        if (header.Find(FlowFileFormat.Total) is null && _cells.All(c => c < 0))
            issues.Add(new ImportIssue(file, null, row, FlowFileFormat.Total, null, "no count columns: give 'total' and/or the sex × age columns m_0_4 … f_60plus"));
        return issues.Count == 0;
    }

    private string? Get(IReadOnlyList<string> cells, string column) =>
        header.Find(column) is { } i && i < cells.Count && cells[i].Trim() is { Length: > 0 } v ? v : null;

    private void Fail(long row, string column, string? value, string reason) => issues.Add(new ImportIssue(file, null, row, column, value, reason));

    public FlowMonitoringPoint? Point(IReadOnlyList<string> cells, long row, Dictionary<string, FlowMonitoringPoint> stored, Dictionary<string, FlowMonitoringPoint> inFile)
    {
        var code = Get(cells, FlowFileFormat.PointCode);
        if (code is null)
        {
            Fail(row, FlowFileFormat.PointCode, null, "point code is missing");
            return null;
        }
        var existing = inFile.GetValueOrDefault(code) ?? stored.GetValueOrDefault(code);
        var typeText = Get(cells, FlowFileFormat.PointType);
        if (existing is not null && typeText is null && Get(cells, FlowFileFormat.PointName) is null)
            return existing;
        var type = existing?.Type ?? default;
        if (typeText is not null && !MobilityCodes.PointType.TryParse(typeText, out type))
        {
            Fail(row, FlowFileFormat.PointType, typeText, $"unknown point type (expected {MobilityCodes.PointType.Describe()})");
            return null;
        }
        if (existing is null && typeText is null)
        {
            Fail(row, FlowFileFormat.PointType, null, $"point {code} is new: its point_type (and point_name) must be given on its first row");
            return null;
        }
        GeoPoint? location = existing?.Location;
        var lat = Get(cells, FlowFileFormat.PointLat);
        var lon = Get(cells, FlowFileFormat.PointLon);
        if (lat is not null || lon is not null)
        {
            if (!double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var la) || la is < -90 or > 90 ||
                !double.TryParse(lon, NumberStyles.Float, CultureInfo.InvariantCulture, out var lo) || lo is < -180 or > 180)
            {
                Fail(row, FlowFileFormat.PointLat, $"{lat} {lon}", "coordinates must be decimal degrees (latitude −90…90, longitude −180…180)");
                return null;
            }
            location = new GeoPoint(la, lo);
        }
        var countries = Get(cells, FlowFileFormat.PointCountries) is { } k
            ? k.Split([' ', ';', ','], StringSplitOptions.RemoveEmptyEntries).Select(c => c.ToUpperInvariant()).ToArray()
            : existing?.Countries ?? [];
        var point = new FlowMonitoringPoint(code, Get(cells, FlowFileFormat.PointName) ?? existing?.Name ?? code, type,
            Get(cells, FlowFileFormat.PointPcode) ?? existing?.AreaPcode, location, countries);
        if (inFile.TryGetValue(code, out var first) && first != point)
        {
            Fail(row, FlowFileFormat.PointCode, code, "point described differently from an earlier row of the file");
            return null;
        }
        return point;
    }

    public FlowObservation? Observation(IReadOnlyList<string> cells, long row)
    {
        var dateText = Get(cells, FlowFileFormat.Date);
        DateOnly date = default;
        if (dateText is null)
            Fail(row, FlowFileFormat.Date, null, "date is missing");
        else if (!TryDate(dateText, out date))
            Fail(row, FlowFileFormat.Date, dateText, "not a date (expected yyyy-MM-dd)");
        else if (date < earliest || date > latest)
            Fail(row, FlowFileFormat.Date, dateText, $"date out of range ({earliest:yyyy-MM-dd} to {latest:yyyy-MM-dd})");

        var directionText = Get(cells, FlowFileFormat.Direction);
        if (!MobilityCodes.Direction.TryParse(directionText?.ToLowerInvariant(), out var direction))
            Fail(row, FlowFileFormat.Direction, directionText, "direction must be 'in' or 'out'");

        var cellValues = new int[8];
        for (var i = 0; i < 8; i++)
            cellValues[i] = Count(cells, row, FlowCounts.CellNames[i]) ?? 0;
        var sum = cellValues.Sum();
        var total = Count(cells, row, FlowFileFormat.Total) ?? sum;
        if (total < sum)
            Fail(row, FlowFileFormat.Total, total.ToString(CultureInfo.InvariantCulture), $"total is less than the sum of the sex × age columns ({sum})");

        var reason = Code(cells, row, FlowFileFormat.Reason, MobilityCodes.Reason, FlowReason.Unknown);
        var transport = Code(cells, row, FlowFileFormat.Transport, MobilityCodes.Transport, TransportMode.Unknown);
        var traveller = Code(cells, row, FlowFileFormat.TravellerType, MobilityCodes.TravellerType, TravellerType.Unknown);
        var nationality = Get(cells, FlowFileFormat.Nationality)?.ToUpperInvariant();
        if (nationality is not null && (nationality.Length != 3 || !nationality.All(char.IsAsciiLetterUpper)))
            Fail(row, FlowFileFormat.Nationality, nationality, "nationality must be an ISO3 country code (e.g. BGD)");

        return new FlowObservation(Get(cells, FlowFileFormat.RecordId) ?? Get(cells, "_uuid") ?? Get(cells, "KEY") ?? "",
            Get(cells, FlowFileFormat.PointCode) ?? "", date, direction, FlowCounts.FromCells(cellValues, total), nationality,
            Get(cells, FlowFileFormat.PreviousLocation), Get(cells, FlowFileFormat.NextLocation), reason, transport, traveller);
    }

    private static bool TryDate(string text, out DateOnly date)
    {
        if (DateOnly.TryParseExact(text.Length > 10 && text[10] is 'T' or ' ' ? text[..10] : text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            return true;
        // XLSX stores dates as day serial numbers.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 1 and < 2958466)
        {
            date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
            return true;
        }
        return false;
    }

    private int? Count(IReadOnlyList<string> cells, long row, string column)
    {
        var text = Get(cells, column);
        if (text is null)
            return null;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            Fail(row, column, text, "not a whole number");
            return null;
        }
        if (n < 0)
        {
            Fail(row, column, text, "count is negative");
            return null;
        }
        if (n > MaxCount)
        {
            Fail(row, column, text, $"count above {MaxCount.ToString("#,0", CultureInfo.InvariantCulture)} for one group on one day: a typing error");
            return null;
        }
        return n;
    }

    /// <summary>
    /// The largest count of one group on one day: far above any real crossing, and low enough that the sum of the
    /// eight sex × age cells can never overflow.
    /// </summary>
    public const int MaxCount = 10_000_000;

    private T Code<T>(IReadOnlyList<string> cells, long row, string column, CodeList<T> codes, T missing) where T : struct, Enum
    {
        var text = Get(cells, column);
        if (text is null)
            return missing;
        if (codes.TryParse(text.ToLowerInvariant(), out var value))
            return value;
        Fail(row, column, text, $"unknown code (expected {codes.Describe()})");
        return missing;
    }
}
