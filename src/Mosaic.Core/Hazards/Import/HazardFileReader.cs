using System.Globalization;
using System.Text;
using System.Text.Json;
using Mosaic.Core.Application;
using Mosaic.Core.Import;
using NetTopologySuite.Geometries;

namespace Mosaic.Core.Hazards.Import;

/// <summary>
/// Reads a hazard layer from a GeoJSON FeatureCollection of Polygon / MultiPolygon features in WGS84
/// lon/lat, each with a severity property (a number on 0..1 or a class, see <see cref="HazardSeverity"/>).
/// Every feature that cannot be used is reported with its feature number, property and reason.
/// </summary>
public static class HazardFileReader
{
    /// <summary>Default name of the severity property.</summary>
    public const string DefaultSeverityProperty = "severity";

    /// <summary>Reads a hazard file as a layer of <paramref name="type"/>, named <paramref name="layerName"/> or after
    /// the file; each feature's severity comes from <paramref name="severityProperty"/> when given. Rejected features
    /// are listed as issues.</summary>
    /// <param name="source">The GeoJSON file.</param>
    /// <param name="type">The hazard the layer describes.</param>
    /// <param name="layerName">The layer's name (null: from the file name).</param>
    /// <param name="severityProperty">The property holding the severity (null: <see cref="DefaultSeverityProperty"/>).</param>
    /// <param name="encoding">The file's text encoding when it is not UTF-8 (a byte-order mark wins).</param>
    public static HazardFile Read(ImportSource source, HazardType type, string? layerName = null, string? severityProperty = null, Encoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var file = source.Name;
        var name = string.IsNullOrWhiteSpace(layerName) ? Path.GetFileNameWithoutExtension(file) : layerName.Trim();
        var property = string.IsNullOrWhiteSpace(severityProperty) ? DefaultSeverityProperty : severityProperty;
        var issues = new List<ImportIssue>();
        var polygons = new List<HazardPolygon>();
        var repaired = 0;

        var features = JsonInput.ReadFeatures(source, encoding, out var problem);
        if (problem is not null)
        {
            issues.Add(problem);
            return new HazardFile(new HazardLayer(type, name, file, polygons), issues, 0);
        }
        if (features is null || features.Count == 0)
        {
            issues.Add(new ImportIssue(file, null, 1, null, null, "not a GeoJSON FeatureCollection, or it has no features"));
            return new HazardFile(new HazardLayer(type, name, file, polygons), issues, 0);
        }

        for (var i = 0; i < features.Count; i++)
        {
            var row = i + 1;
            var feature = features[i];
            var props = feature.Attributes;
            object? raw = props is not null && props.Exists(property) ? Unwrap(props[property]) : null;
            if (props is null || !props.Exists(property))
            {
                issues.Add(new ImportIssue(file, "features", row, property, null,
                    $"feature has no '{property}' property (name the property that holds the severity)") { Remedy = RequestSetting.SeverityProperty });
                continue;
            }
            if (!HazardSeverity.TryParse(raw, out var severity, out var reason))
            {
                issues.Add(new ImportIssue(file, "features", row, property, Convert.ToString(raw, CultureInfo.InvariantCulture), reason));
                continue;
            }
            var geometry = feature.Geometry;
            if (geometry is not (Polygon or MultiPolygon) || geometry.IsEmpty)
            {
                issues.Add(new ImportIssue(file, "features", row, "geometry", geometry?.GeometryType ?? "null",
                    "hazard geometry must be a non-empty Polygon or MultiPolygon"));
                continue;
            }
            if (!IsLonLat(geometry.EnvelopeInternal))
            {
                var e = geometry.EnvelopeInternal;
                issues.Add(new ImportIssue(file, "features", row, "geometry",
                    string.Create(CultureInfo.InvariantCulture, $"{e.MinX} {e.MinY}"),
                    "coordinates are outside longitude -180..180 / latitude -90..90: GeoJSON must be WGS84 lon/lat (reproject the file)"));
                continue;
            }
            if (!geometry.IsValid)
            {
                // Hand-drawn flood extents often have bow-ties; buffer(0) is the standard repair and keeps the area.
                var fixedGeometry = geometry.Buffer(0);
                if (fixedGeometry.IsEmpty || fixedGeometry is not (Polygon or MultiPolygon))
                {
                    issues.Add(new ImportIssue(file, "features", row, "geometry", null, "polygon is invalid and could not be repaired"));
                    continue;
                }
                geometry = fixedGeometry;
                repaired++;
            }
            geometry.SRID = 4326;
            polygons.Add(new HazardPolygon(geometry, severity));
        }
        return new HazardFile(new HazardLayer(type, name, file, polygons), issues, repaired);
    }

    private static bool IsLonLat(Envelope e) => e.MinX >= -180 && e.MaxX <= 180 && e.MinY >= -90 && e.MaxY <= 90;

    private static object? Unwrap(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.Number } j => j.GetDouble(),
        JsonElement { ValueKind: JsonValueKind.String } j => j.GetString(),
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        JsonElement j => j.GetRawText(),
        _ => value,
    };
}
