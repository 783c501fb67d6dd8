using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using NetTopologySuite.IO.Converters;

namespace Mosaic.Core.Geo;

/// <summary>Shared GeoJSON (RFC 7946) serializer settings for NetTopologySuite geometries and features.</summary>
internal static class GeoJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions { WriteIndented = false, TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        options.Converters.Add(new GeoJsonConverterFactory());
        options.MakeReadOnly();
        return options;
    }
}
