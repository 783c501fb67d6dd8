using System.Text.Json;

namespace Mosaic.Core.Indicators;

/// <summary>
/// Reads a catalogue document (<see cref="IndicatorCatalogue.JsonOptions"/>'s format: snake_case names and enum values,
/// comments and trailing commas allowed, unknown members ignored) from its JSON tree, member by member. Every command
/// that counts reads the shipped catalogue first: through the serializer's generated converters that cost ~80 ms of
/// JIT at each start, through the document's own reader about a millisecond.
/// </summary>
internal static class CatalogueReader
{
    private static readonly JsonDocumentOptions s_options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The document's version and indicators; <see cref="JsonException"/> (with the member's path) when it is not a catalogue.</summary>
    public static (int Version, List<IndicatorDefinition>? Indicators) Read(string json)
    {
        using var document = JsonDocument.Parse(json, s_options);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new JsonException("the document is not a JSON object");
        var version = Int(root, "catalogue_version", "$") ?? 0;
        if (!root.TryGetProperty("indicators", out var list) || list.ValueKind == JsonValueKind.Null)
            return (version, null);
        if (list.ValueKind != JsonValueKind.Array)
            throw new JsonException("$.indicators: expected an array");
        var indicators = new List<IndicatorDefinition>(list.GetArrayLength());
        var i = 0;
        foreach (var item in list.EnumerateArray())
            indicators.Add(Definition(item, $"$.indicators[{i++}]"));
        return (version, indicators);
    }

    private static IndicatorDefinition Definition(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Object)
            throw new JsonException($"{path}: expected an object");
        return new IndicatorDefinition
        {
            Id = Text(e, "id", path) ?? throw Missing(path, "id"),
            Version = Int(e, "version", path) ?? 1,
            Label = Text(e, "label", path) ?? throw Missing(path, "label"),
            Description = Text(e, "description", path),
            Unit = Enum(e, "unit", path, IndicatorUnit.Person, ("person", IndicatorUnit.Person), ("household", IndicatorUnit.Household)),
            Filter = Text(e, "filter", path),
            Measure = Measure(e.TryGetProperty("measure", out var m) && m.ValueKind != JsonValueKind.Null ? m : throw Missing(path, "measure"), $"{path}.measure"),
            Weight = Text(e, "weight", path),
            Hxl = Text(e, "hxl", path),
            Tags = Tags(e, path),
            SuggestedBy = Texts(e, "suggested_by", path) ?? [],
        };
    }

    private static IndicatorMeasure Measure(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Object)
            throw new JsonException($"{path}: expected an object");
        var kind = Enum(e, "kind", path, MeasureKind.Count,
            ("count", MeasureKind.Count), ("sum", MeasureKind.Sum), ("mean", MeasureKind.Mean), ("share", MeasureKind.Share));
        return new IndicatorMeasure(kind, Text(e, "value", path), Text(e, "numerator", path));
    }

    private static IndicatorTags Tags(JsonElement e, string path)
    {
        if (!e.TryGetProperty("tags", out var tags) || tags.ValueKind == JsonValueKind.Null)
            return new IndicatorTags();
        if (tags.ValueKind != JsonValueKind.Object)
            throw new JsonException($"{path}.tags: expected an object");
        return new IndicatorTags(Texts(tags, "sdg", $"{path}.tags"), Texts(tags, "gcm", $"{path}.tags"));
    }

    private static string? Text(JsonElement e, string name, string path)
    {
        if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new JsonException($"{path}.{name}: expected a string");
    }

    private static int? Int(JsonElement e, string name, string path)
    {
        if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : throw new JsonException($"{path}.{name}: expected a whole number");
    }

    private static List<string>? Texts(JsonElement e, string name, string path)
    {
        if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.Array)
            throw new JsonException($"{path}.{name}: expected an array of strings");
        var texts = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
            texts.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw new JsonException($"{path}.{name}: expected an array of strings"));
        return texts;
    }

    private static T Enum<T>(JsonElement e, string name, string path, T absent, params (string Code, T Value)[] values)
    {
        var text = Text(e, name, path);
        if (text is null)
            return absent;
        foreach (var (code, value) in values)
        {
            if (string.Equals(code, text, StringComparison.OrdinalIgnoreCase))
                return value;
        }
        throw new JsonException($"{path}.{name}: '{text}' is not one of {string.Join(", ", values.Select(v => v.Code))}");
    }

    private static JsonException Missing(string path, string name) => new($"{path}: '{name}' is required");
}
