using System.Globalization;
using System.Text;
using System.Text.Json;
using Mosaic.Core.Geo;
using NetTopologySuite.Features;

namespace Mosaic.Core.Import;

/// <summary>
/// Finds the feature that NetTopologySuite could not build, once reading the whole collection has failed without a
/// position: the collection is read again feature by feature, and the first one that fails is named with its line,
/// byte and index. Runs only on that error path.
/// </summary>
internal static class GeoJsonFeatureLocator
{
    /// <summary>Files above this size are not read again into memory; the issue then names no line.</summary>
    private const long MaxBytes = 512L << 20;

    /// <summary>The failing feature's issue, or null when it cannot be located.</summary>
    public static ImportIssue? Locate(ImportSource source, Encoding? encoding)
    {
        byte[] bytes;
        try
        {
            using var stream = JsonInput.Open(source, encoding);
            using var copy = new MemoryStream();
            var buffer = new byte[1 << 16];
            int n;
            while ((n = stream.Read(buffer)) > 0)
            {
                if (copy.Length + n > MaxBytes)
                    return null;
                copy.Write(buffer, 0, n);
            }
            bytes = copy.ToArray();
        }
        catch (Exception ex) when (ex is IOException or InputFormatException)
        {
            return null;
        }
        try
        {
            return Scan(source.Name, bytes);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ImportIssue? Scan(string file, byte[] bytes)
    {
        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var reader = new Utf8JsonReader(bytes.AsSpan(start), new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isFeatures = reader.ValueTextEquals("features"u8);
            reader.Read();
            if (!isFeatures || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }
            for (var index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
            {
                var at = (int)reader.TokenStartIndex + start;
                try
                {
                    JsonSerializer.Deserialize<IFeature>(ref reader, GeoJson.Options);
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or NotSupportedException)
                {
                    var (line, column) = Position(bytes, at);
                    return new ImportIssue(file, null, line, null, null, string.Create(CultureInfo.InvariantCulture,
                        $"not a usable GeoJSON feature at line {line}, byte {column} ($.features[{index}]): {ex.Message}"));
                }
            }
            return null;
        }
        return null;
    }

    private static (long Line, long Column) Position(byte[] bytes, int offset)
    {
        var before = bytes.AsSpan(0, offset);
        var lastNewline = before.LastIndexOf((byte)'\n');
        return (before.Count((byte)'\n') + 1, offset - lastNewline);
    }
}
