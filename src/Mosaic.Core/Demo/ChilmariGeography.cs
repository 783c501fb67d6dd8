using NetTopologySuite.Geometries;

namespace Mosaic.Core.Demo;

/// <summary>
/// The fixed geography of the demo: Chilmari upazila (Kurigram district, Rangpur division, Bangladesh) on the
/// Brahmaputra. Division and district P-codes are the real COD ones (<c>BD55</c>, <c>BD5549</c>); the
/// upazila and union codes follow the COD pattern but are synthetic, and the shapes are plausible, not surveyed.
/// </summary>
internal static class ChilmariGeography
{
    public static GeometryFactory Factory { get; } = new(new PrecisionModel(), 4326);

    public const string CountryPcode = "BGD";
    public const string DivisionPcode = "BD55";
    public const string DivisionName = "Rangpur";
    public const string DistrictPcode = "BD5549";
    public const string DistrictName = "Kurigram";
    public const string UpazilaPcode = "BD554909";
    public const string UpazilaName = "Chilmari";

    /// <summary>Unions of the upazila: P-code, name, and an approximate centre (lon, lat). Char unions sit in the river.</summary>
    public static IReadOnlyList<(string Pcode, string Name, double Lon, double Lat, bool IsChar)> Unions { get; } =
    [
        ("BD55490915", "Ashtamir Char", 89.735, 25.600, true),
        ("BD55490931", "Chilmari", 89.745, 25.545, true),
        ("BD55490947", "Nayarhat", 89.770, 25.500, true),
        ("BD55490963", "Ramna", 89.675, 25.585, false),
        ("BD55490979", "Raniganj", 89.660, 25.520, false),
        ("BD55490994", "Thanahat", 89.690, 25.555, false),
    ];

    /// <summary>Upazila outline (lon/lat ring), clockwise from the north-west corner.</summary>
    public static Polygon Outline { get; } = Factory.CreatePolygon(
    [
        new(89.625, 25.630), new(89.700, 25.640), new(89.790, 25.625), new(89.805, 25.560),
        new(89.800, 25.475), new(89.740, 25.465), new(89.660, 25.475), new(89.620, 25.520),
        new(89.625, 25.630),
    ]);

    /// <summary>Centre line of the Brahmaputra's main channel through the upazila, north to south.</summary>
    public static LineString RiverCentreLine { get; } = Factory.CreateLineString(
    [
        new(89.728, 25.650), new(89.722, 25.615), new(89.716, 25.585), new(89.722, 25.560),
        new(89.735, 25.530), new(89.748, 25.500), new(89.752, 25.460),
    ]);

    /// <summary>Approximate main-channel width in degrees (~1.5 km); the braided belt is several times wider.</summary>
    public const double RiverHalfWidthDegrees = 0.007;
}
