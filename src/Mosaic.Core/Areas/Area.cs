using NetTopologySuite.Geometries;

namespace Mosaic.Core.Areas;

/// <summary>
/// An administrative unit identified by a P-code (OCHA COD convention), or a local unit
/// (village, site) coded under its parent's P-code.
/// </summary>
/// <param name="Pcode">Unique code, e.g. <c>BD5549</c>. Countries use their ISO3 code.</param>
/// <param name="Name">Display name.</param>
/// <param name="Level">0 = country, 1 = first admin level, … Villages sit below the COD levels.</param>
/// <param name="ParentPcode">Code of the parent area; null for a country or a root.</param>
/// <param name="Boundary">Optional boundary polygon (WGS84 lon/lat).</param>
public sealed record Area(string Pcode, string Name, int Level, string? ParentPcode, Geometry? Boundary = null)
{
    /// <summary>ISO3 country code this area belongs to, when known (first three letters of a country P-code).</summary>
    public string? CountryCode { get; init; }

    /// <summary>Date from which this P-code is valid, as given by the source table.</summary>
    public DateOnly? ValidFrom { get; init; }
}
