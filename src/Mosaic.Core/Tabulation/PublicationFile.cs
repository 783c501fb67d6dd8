using System.Text.Json;

namespace Mosaic.Core.Tabulation;

/// <summary>One table of a publication file: the name its output file takes, and what to tabulate.</summary>
public sealed record PublicationTable(string Name, TabulationRequest Request);

/// <summary>
/// A publication file (JSON): the tables that are published together and so are protected as one set.
/// <code>
/// { "tables": [
///     { "name": "population-sex-age", "indicator": "population", "by": ["village", "sex", "age_group"] },
///     { "name": "population-age", "indicator": "population", "by": "village,age_group", "age_bands": "0-9,10-17,18-59,60+" },
///     { "indicator": "returnees", "by": ["sex"], "area": "BD554909" } ] }
/// </code>
/// A top-level list of tables is read the same way. <c>name</c> defaults to the indicator and dimensions.
/// </summary>
public static class PublicationFile
{
    /// <summary>Reads a publication file's tables; a file that is not valid JSON or names no table throws
    /// <see cref="TabulationException"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="ageBands">The database's base age bands: a table without <c>"age_bands"</c> takes its default bands.</param>
    public static IReadOnlyList<PublicationTable> Read(string path, AgeBandPolicy? ageBands = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new TabulationException($"{path}: not valid JSON (line {ex.LineNumber + 1}): {ex.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            var tables = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("tables", out var t) ? t : root;
            if (tables.ValueKind != JsonValueKind.Array)
                throw new TabulationException($"{path}: expected a list of tables, or an object with \"tables\": [...]");
            var result = new List<PublicationTable>();
            var index = 0;
            foreach (var table in tables.EnumerateArray())
            {
                index++;
                result.Add(Table(path, index, table, ageBands ?? AgeBandPolicy.BuiltIn));
            }
            if (result.Count == 0)
                throw new TabulationException($"{path}: the publication lists no tables");
            var duplicate = result.GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
                throw new TabulationException($"{path}: two tables are named '{duplicate.Key}': give each a different \"name\" (it names its output file)");
            return result;
        }
    }

    private static PublicationTable Table(string path, int index, JsonElement table, AgeBandPolicy policy)
    {
        string Where() => $"{path}: table {index}";
        if (table.ValueKind != JsonValueKind.Object)
            throw new TabulationException($"{Where()}: expected an object with \"indicator\" and \"by\"");
        string? Text(string property)
        {
            if (!table.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
                return null;
            if (value.ValueKind != JsonValueKind.String)
                throw new TabulationException($"{Where()}: \"{property}\" must be a string");
            return value.GetString();
        }
        foreach (var property in table.EnumerateObject())
        {
            if (property.Name is not ("name" or "indicator" or "by" or "area" or "age_bands"))
                throw new TabulationException($"{Where()}: unknown property \"{property.Name}\" (known: name, indicator, by, area, age_bands)");
        }
        var indicator = Text("indicator");
        if (string.IsNullOrWhiteSpace(indicator))
            throw new TabulationException($"{Where()}: \"indicator\" is required");
        if (!table.TryGetProperty("by", out var byElement))
            throw new TabulationException($"{Where()}: \"by\" (the dimensions) is required");
        List<string> by = byElement.ValueKind switch
        {
            JsonValueKind.String => [.. byElement.GetString()!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
            JsonValueKind.Array => [.. byElement.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String
                ? e.GetString()!.Trim()
                : throw new TabulationException($"{Where()}: \"by\" must list dimension names"))],
            _ => throw new TabulationException($"{Where()}: \"by\" must be a list of dimensions or a comma-separated string"),
        };
        if (by.Count == 0)
            throw new TabulationException($"{Where()}: \"by\" lists no dimension");
        AgeBands bands;
        try
        {
            bands = policy.Resolve(Text("age_bands"));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or TabulationException)
        {
            throw new TabulationException($"{Where()}: \"age_bands\": {ex.Message}", ex);
        }
        var name = Text("name") ?? $"{indicator}-{string.Join("-", by)}";
        if (name.Length == 0 || name.IndexOfAny([.. Path.GetInvalidFileNameChars(), '/', '\\']) >= 0 || name is "." or "..")
            throw new TabulationException($"{Where()}: \"name\" '{name}' cannot be a file name");
        return new PublicationTable(name, new TabulationRequest(indicator, by) { AreaPcode = Text("area"), AgeBands = bands, BaseAgeBands = policy.Base });
    }
}
