using System.Globalization;
using System.Text;
using System.Text.Json;
using Mosaic.Core.Geo;
using NetTopologySuite.Features;

namespace Mosaic.Core.Import;

/// <summary>
/// Reads JSON input files (DTM API responses, GeoJSON, mapping files) the same way in every importer: UTF-8, a UTF-8
/// or UTF-16 byte-order mark understood, another encoding when the user names it; a byte that is not valid text, a
/// syntax error and nesting deeper than 64 levels are reported with their line and byte, never as a stack trace.
/// </summary>
internal static class JsonInput
{
    /// <summary>The longest path (<c>$.result[2].admin2Name</c>) a message quotes.</summary>
    private const int MaxPathChars = 60;

    /// <summary>
    /// Opens the source as checked UTF-8 bytes: transcoded from <paramref name="encoding"/> (or the encoding its
    /// byte-order mark names, which wins) when that is not UTF-8. Reading throws <see cref="InputFormatException"/>
    /// at the first byte that is not valid text.
    /// </summary>
    public static Stream Open(ImportSource source, Encoding? encoding)
    {
        ArgumentNullException.ThrowIfNull(source);
        var text = FromByteOrderMark(source) ?? encoding ?? Encoding.UTF8;
        var stream = source.Open();
        if (text.CodePage != Encoding.UTF8.CodePage)
            stream = Encoding.CreateTranscodingStream(stream, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return new Utf8CheckingStream(stream, source.Name, text.CodePage == Encoding.UTF8.CodePage ? "UTF-8" : text.WebName);
    }

    /// <summary>A syntax or nesting error as an issue at its line, in plain words.</summary>
    /// <param name="what">What the file should have been ("JSON", "GeoJSON").</param>
    public static ImportIssue Problem(string file, JsonException ex, string what)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var line = (ex.LineNumber ?? 0) + 1;
        var column = (ex.BytePositionInLine ?? 0) + 1;
        var reason = ex.Message;
        // System.Text.Json appends "Path: $.x | LineNumber: 0 | BytePositionInLine: 7." with 0-based numbers: say them once, from 1.
        var cut = reason.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
            cut = reason.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        if (cut > 0)
            reason = reason[..cut];
        if (reason.Contains("maximum configured depth", StringComparison.Ordinal))
            reason = "values nested more than 64 levels deep: a damaged or hostile file";
        var path = ex.Path is { Length: > 1 } p ? p.Length > MaxPathChars ? string.Concat(p.AsSpan(0, MaxPathChars), "…") : p : null;
        return new ImportIssue(file, null, line, null, null, string.Create(CultureInfo.InvariantCulture,
            $"not valid {what} at line {line}, byte {column}{(path is null ? "" : $" ({path})")}: {reason}"));
    }

    /// <summary>Reads a GeoJSON FeatureCollection; null with the reason when the file is not one.</summary>
    public static FeatureCollection? ReadFeatures(ImportSource source, Encoding? encoding, out ImportIssue? problem)
    {
        ArgumentNullException.ThrowIfNull(source);
        problem = null;
        try
        {
            using var stream = Open(source, encoding);
            return JsonSerializer.Deserialize<FeatureCollection>(stream, GeoJson.Options);
        }
        catch (JsonException ex)
        {
            problem = Problem(source.Name, ex, "GeoJSON");
        }
        catch (InputFormatException ex)
        {
            problem = ex.Issue;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or NotSupportedException)
        {
            // NetTopologySuite refuses a geometry it cannot build (a ring of fewer than four positions, …) with these,
            // without a position: the locator reads the features again one by one to name the one that fails.
            problem = GeoJsonFeatureLocator.Locate(source, encoding)
                ?? new ImportIssue(source.Name, null, 1, null, null, "not a usable GeoJSON FeatureCollection: " + ex.Message);
        }
        return null;
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static ReadOnlySpan<byte> Utf16LeBom => [0xFF, 0xFE];

    private static ReadOnlySpan<byte> Utf16BeBom => [0xFE, 0xFF];

    private static Encoding? FromByteOrderMark(ImportSource source)
    {
        Span<byte> head = stackalloc byte[3];
        int n;
        using (var probe = source.Open())
            n = probe.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..n];
        if (head.StartsWith(Utf8Bom))
            return Encoding.UTF8;
        if (head.StartsWith(Utf16LeBom))
            return Encoding.Unicode;
        if (head.StartsWith(Utf16BeBom))
            return Encoding.BigEndianUnicode;
        return null;
    }
}
