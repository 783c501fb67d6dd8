namespace Mosaic.Core.Mobility.Import;

/// <summary>
/// Column names of the flows file (CSV or the first sheet of an XLSX; see <c>docs/examples/flows-example.csv</c>
/// and the mobility user guide). One row per group of travellers counted; point columns describe the point
/// the first time it appears.
/// </summary>
internal static class FlowFileFormat
{
    public const string RecordId = "record_id";
    public const string PointCode = "point_code";
    public const string PointName = "point_name";
    public const string PointType = "point_type";
    public const string PointPcode = "point_pcode";
    public const string PointLat = "point_lat";
    public const string PointLon = "point_lon";
    public const string PointCountries = "point_countries";
    public const string Date = "date";
    public const string Direction = "direction";
    public const string Total = "total";
    public const string Nationality = "nationality";
    public const string PreviousLocation = "prev_location";
    public const string NextLocation = "next_location";
    public const string Reason = "reason";
    public const string Transport = "transport";
    public const string TravellerType = "traveller_type";

    /// <summary>Every column in the documented order (the sex × age cells sit before <see cref="Total"/>).</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        RecordId, PointCode, PointName, PointType, PointPcode, PointLat, PointLon, PointCountries, Date, Direction,
        .. FlowCounts.CellNames, Total, Nationality, PreviousLocation, NextLocation, Reason, Transport, TravellerType,
    ];
}
