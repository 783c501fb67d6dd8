using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using NetTopologySuite.IO.Converters;

namespace Mosaic.Core.Hazards.Import;

/// <summary>
/// GeoJSON serializer settings for hazard layers. Kept here rather than using <c>Geo.GeoJson.Options</c>, whose
/// initializer currently throws (read-only options without a type-info resolver; reported to the lead).
/// </summary>
internal static class HazardGeoJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions { WriteIndented = false, TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        options.Converters.Add(new GeoJsonConverterFactory());
        options.MakeReadOnly();
        return options;
    }
}
