using System.Text.Json;

namespace Mosaic.Core.Tabulation.Output;

/// <summary>Writes a result as JSON: metadata (indicator, rule, suppression counts), dimensions and rows.</summary>
public static class JsonTableWriter
{
    /// <summary>Writes the table to a stream as indented UTF-8 JSON: <c>metadata</c>, <c>dimensions</c> and one row per
    /// cell with its <c>suppressed</c> flag.</summary>
    public static void Write(TabulationResult result, Stream output)
    {
        var rows = new TableRows(result);
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteStartObject("metadata");
        foreach (var (key, value) in rows.Metadata())
            w.WriteString(key, value);
        w.WriteStartArray("sdg");
        foreach (var t in result.Indicator.Tags.Sdg)
            w.WriteStringValue(t);
        w.WriteEndArray();
        w.WriteStartArray("gcm");
        foreach (var t in result.Indicator.Tags.Gcm)
            w.WriteStringValue(t);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("dimensions");
        foreach (var d in result.Dimensions)
        {
            w.WriteStartObject();
            w.WriteString("name", d.Name);
            w.WriteStartArray("categories");
            for (var c = 0; c < d.Codes.Count; c++)
            {
                w.WriteStartObject();
                w.WriteString("code", d.Codes[c]);
                w.WriteString("label", d.Labels[c]);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("rows");
        foreach (var cell in result.Cells)
        {
            w.WriteStartObject();
            for (var d = 0; d < result.Dimensions.Count; d++)
                w.WriteString(result.Dimensions[d].Name, result.Dimensions[d].CodeOf(cell.Categories[d]));
            if (cell.Value is { } v)
                w.WriteNumber("value", Math.Round(v, 6));
            else
                w.WriteNull("value");
            if (result.IsShare)
            {
                if (cell.Denominator is { } den)
                    w.WriteNumber("denominator", Math.Round(den, 6));
                else
                    w.WriteNull("denominator");
            }
            w.WriteBoolean("suppressed", cell.Suppressed);
            if (result.IsShare && cell.GroupDisclosure)
                w.WriteBoolean("group_disclosure", true);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
