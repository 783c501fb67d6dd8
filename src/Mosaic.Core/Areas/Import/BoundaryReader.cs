using System.Globalization;
using System.Text;
using Mosaic.Core.Application;
using Mosaic.Core.Import;
using Mosaic.Core.Import.Csv;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace Mosaic.Core.Areas.Import;

/// <summary>
/// Reads area boundaries from a GeoJSON FeatureCollection of Polygon / MultiPolygon features. The P-code
/// comes from the property named in the request, or else the deepest <c>ADMn_PCODE</c>-style property or <c>pcode</c>;
/// name, level and parent are taken from matching properties when present (needed only for new areas).
/// </summary>
internal static class BoundaryReader
{
    /// <summary>Reads the boundaries of a GeoJSON file; every feature that cannot be used is an issue with its number.</summary>
    /// <param name="source">The GeoJSON file.</param>
    /// <param name="pcodeProperty">The property holding the P-code (null: the deepest <c>ADMn_PCODE</c>, else <c>pcode</c>).</param>
    /// <param name="encoding">The file's text encoding when it is not UTF-8 (a byte-order mark wins).</param>
    public static AreaFile Read(ImportSource source, string? pcodeProperty = null, Encoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var file = source.Name;
        var features = JsonInput.ReadFeatures(source, encoding, out var problem);
        if (problem is not null)
            return new AreaFile([], [problem]);
        if (features is null)
            return new AreaFile([], [new ImportIssue(file, null, 1, null, null, "not a GeoJSON FeatureCollection")]);

        var areas = new List<(Area, long)>();
        var issues = new List<ImportIssue>();
        for (var i = 0; i < features.Count; i++)
        {
            // Rows of a GeoJSON file are features: number them from 1 as users count them.
            var row = i + 1;
            var feature = features[i];
            var props = new Properties(feature.Attributes);
            var (pcodeKey, level) = FindPcode(props, pcodeProperty);
            var pcode = pcodeKey is null ? null : Text(props, pcodeKey);
            if (string.IsNullOrEmpty(pcode))
            {
                issues.Add(new ImportIssue(file, "features", row, pcodeProperty ?? "pcode", null,
                    "feature has no P-code property (name the property that holds it)") { Remedy = RequestSetting.PcodeProperty });
                continue;
            }
            if (feature.Geometry is not (Polygon or MultiPolygon))
            {
                issues.Add(new ImportIssue(file, "features", row, "geometry", feature.Geometry?.GeometryType ?? "null",
                    "boundary must be a Polygon or MultiPolygon"));
                continue;
            }
            if (OutsideWgs84(feature.Geometry) is { } corner)
            {
                issues.Add(new ImportIssue(file, "features", row, "geometry", corner,
                    $"coordinates of {pcode} are not WGS84 longitude/latitude (longitude −180…180, latitude −90…90): " +
                    "the file is probably in a projected system (metres); reproject it to EPSG:4326"));
                continue;
            }
            if (!feature.Geometry.IsValid)
            {
                var fixedGeometry = feature.Geometry.Buffer(0);
                if (fixedGeometry.IsEmpty)
                {
                    issues.Add(new ImportIssue(file, "features", row, "geometry", pcode, "boundary geometry is invalid and could not be repaired"));
                    continue;
                }
                feature.Geometry = fixedGeometry;
            }
            var name = level is { } l && CodAbNames.Find(props.Keys, l) is { } key ? Text(props, props.Keys[key]) : null;
            name ??= Text(props, "name");
            if (name is { Length: > CsvReadOptions.DefaultMaxCellChars })
            {
                issues.Add(new ImportIssue(file, "features", row, "name", string.Concat(name.AsSpan(0, 40), "…"), string.Create(CultureInfo.InvariantCulture,
                    $"a name of {name.Length:N0} characters, longer than the limit of {CsvReadOptions.DefaultMaxCellChars:N0}: the file is damaged")));
                continue;
            }
            var parent = level is > 0 ? Text(props, $"ADM{level - 1}_PCODE") ?? Text(props, $"admin{level - 1}Pcode") : Text(props, "parent_pcode") ?? Text(props, "parent");
            var levelValue = level ?? (int.TryParse(Text(props, "level"), NumberStyles.None, CultureInfo.InvariantCulture, out var lv) ? lv : -1);
            areas.Add((new Area(pcode, name ?? "", levelValue, parent, feature.Geometry), row));
        }
        return new AreaFile(areas, issues);
    }

    private static (string? Key, int? Level) FindPcode(Properties props, string? pcodeProperty)
    {
        if (pcodeProperty is not null)
            return (props.Exists(pcodeProperty) ? pcodeProperty : null, LevelOf(pcodeProperty));
        for (var level = 6; level >= 0; level--)
        {
            foreach (var key in new[] { $"ADM{level}_PCODE", $"admin{level}Pcode" })
            {
                if (props.Exists(key))
                    return (key, level);
            }
        }
        foreach (var key in new[] { "pcode", "p_code", "P-Code" })
        {
            if (props.Exists(key))
                return (key, null);
        }
        return (null, null);
    }

    /// <summary>The first corner of the geometry's envelope outside WGS84 degrees, or null.</summary>
    private static string? OutsideWgs84(Geometry geometry)
    {
        var e = geometry.EnvelopeInternal;
        if (e.MinX >= -180 && e.MaxX <= 180 && e.MinY >= -90 && e.MaxY <= 90)
            return null;
        return string.Create(CultureInfo.InvariantCulture, $"{e.MinX} {e.MinY}, {e.MaxX} {e.MaxY}");
    }

    private static int? LevelOf(string property)
    {
        var upper = property.ToUpperInvariant();
        return upper.Length >= 4 && upper.StartsWith("ADM", StringComparison.Ordinal) && char.IsDigit(upper[3]) ? upper[3] - '0' : null;
    }

    private static string? Text(Properties props, string key) => props.Text(key);

    /// <summary>A feature's properties with keys matched in any case (<c>ADM2_PCODE</c>, <c>adm2_pcode</c>, <c>Adm2_Pcode</c>).</summary>
    private sealed class Properties
    {
        private readonly IAttributesTable? _table;
        private readonly Dictionary<string, string> _keys = new(StringComparer.OrdinalIgnoreCase);

        public Properties(IAttributesTable? table)
        {
            _table = table;
            if (table is null)
                return;
            Keys = table.GetNames();
            foreach (var name in Keys)
                _keys.TryAdd(name, name);
        }

        /// <summary>The property names, in the file's order.</summary>
        public string[] Keys { get; } = [];

        public bool Exists(string key) => _keys.ContainsKey(key);

        public string? Text(string key) =>
            _table is not null && _keys.TryGetValue(key, out var actual) && _table[actual] is { } v
                ? Convert.ToString(v, CultureInfo.InvariantCulture)?.Trim()
                : null;
    }
}
