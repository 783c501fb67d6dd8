using System.Globalization;
using Mosaic.Core.Areas;

namespace Mosaic.Core.Registry.Export;

/// <summary>
/// Writes areas in the shapes <c>mosaic import areas</c> reads: a P-code table in the COD long layout with its HXL
/// row (<c>areas.csv</c>) and the boundaries as a GeoJSON FeatureCollection (<c>areas.geojson</c>) whose features
/// carry <c>pcode</c>, <c>name</c>, <c>level</c> and <c>parent_pcode</c>.
/// </summary>
internal static class AreaExportWriter
{
    public const string TableFile = "areas.csv";
    public const string BoundariesFile = "areas.geojson";

    private static readonly string[] s_header = ["Location", "Admin Level", "P-Code", "Name", "Parent P-Code", "Valid from date"];
    private static readonly string[] s_hxl = ["#country+code", "#geo+admin_level", "#adm+code", "#adm+name", "#adm+code+parent", "#date+start"];

    /// <summary>Writes both files into <paramref name="directory"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(string directory, IReadOnlyList<Area> areas)
    {
        Directory.CreateDirectory(directory);
        var table = Path.Combine(directory, TableFile);
        using (var csv = new CsvTableWriter(table))
        {
            csv.WriteHeader(s_header);
            csv.WriteHeader(s_hxl);
            var row = new ExportCell[s_header.Length];
            foreach (var a in areas)
            {
                row[0] = a.CountryCode;
                row[1] = ExportCell.Of(a.Level);
                row[2] = a.Pcode;
                row[3] = a.Name;
                row[4] = a.ParentPcode;
                row[5] = a.ValidFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                csv.WriteRow(row);
            }
        }

        var boundaries = Path.Combine(directory, BoundariesFile);
        using (var stream = File.Create(boundaries))
            AreaGeoJson.Write(areas, stream);
        return [table, boundaries];
    }
}
