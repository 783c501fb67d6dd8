using System.Globalization;
using System.Text.Json;
using Mosaic.Core.Import;

namespace Mosaic.Core.Mobility.Import;

/// <summary>
/// Reads DTM API v3 displacement responses (<c>{"result": [...], "isSuccess": true, …}</c>, admin 0, 1 or 2), or
/// a bare array of such records. The record's admin level is the deepest admin field present.
/// </summary>
internal static class DtmJsonReader
{
    public const string Format = "dtm-api-json";

    public static DtmReadResult Read(ImportSource source, DtmImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        var file = source.Name;
        var issues = new List<ImportIssue>();
        var records = new List<LocationAssessment>();
        JsonDocument doc;
        try
        {
            using var stream = JsonInput.Open(source, options.Csv.Encoding);
            doc = JsonDocument.Parse(stream);
        }
        catch (JsonException ex)
        {
            issues.Add(JsonInput.Problem(file, ex, "JSON"));
            return new DtmReadResult(Format, records, issues);
        }
        catch (InputFormatException ex)
        {
            issues.Add(ex.Issue);
            return new DtmReadResult(Format, records, issues);
        }
        using (doc)
        {
            var root = doc.RootElement;
            JsonElement list;
            if (root.ValueKind == JsonValueKind.Array)
            {
                list = root;
            }
            else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("result", out list) && list.ValueKind == JsonValueKind.Array)
            {
                if (root.TryGetProperty("isSuccess", out var ok) && ok.ValueKind == JsonValueKind.False)
                {
                    var messages = root.TryGetProperty("errorMessages", out var m) ? m.GetRawText() : "";
                    issues.Add(new ImportIssue(file, null, 1, "isSuccess", "false", "the DTM API response reports a failure " + messages));
                }
            }
            else
            {
                issues.Add(new ImportIssue(file, null, 1, "result", null, "not a DTM API response: expected an object with a 'result' array, or an array of records"));
                return new DtmReadResult(Format, records, issues);
            }

            var latest = options.LatestDate ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
            var parser = new DtmRecordParser(file, "result", options.EarliestDate, latest, options.Now ?? DateTimeOffset.UtcNow, issues);
            var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            long index = 0;
            foreach (var item in list.EnumerateArray())
            {
                index++;
                if (item.ValueKind != JsonValueKind.Object)
                {
                    issues.Add(new ImportIssue(file, "result", index, null, null, "record is not a JSON object"));
                    continue;
                }
                fields.Clear();
                var oversized = false;
                foreach (var p in item.EnumerateObject())
                {
                    var value = p.Value.ValueKind switch
                    {
                        JsonValueKind.String => p.Value.GetString(),
                        JsonValueKind.Number => p.Value.GetRawText(),
                        JsonValueKind.True => "true",
                        JsonValueKind.False => "false",
                        _ => null,
                    };
                    if (value is { Length: var length } && length > options.Csv.MaxCellChars && !oversized)
                    {
                        // The CSV layer's cell limit, so that one layout is not a way around it.
                        oversized = true;
                        issues.Add(new ImportIssue(file, "result", index, p.Name, string.Concat(value.AsSpan(0, 40), "…"), string.Create(CultureInfo.InvariantCulture,
                            $"a value of {length:N0} characters, longer than the limit of {options.Csv.MaxCellChars:N0}: the file is damaged or not a DTM export")));
                    }
                    fields[p.Name] = value;
                }
                if (oversized)
                    continue;
                var record = parser.Parse(name => fields.GetValueOrDefault(name), index);
                if (record is not null)
                    records.Add(record);
            }
        }
        return new DtmReadResult(Format, records, issues);
    }
}
