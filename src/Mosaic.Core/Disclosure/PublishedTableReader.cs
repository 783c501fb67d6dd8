using System.Globalization;
using System.Text.Json;
using Mosaic.Core.Import;
using Mosaic.Core.Import.Csv;

namespace Mosaic.Core.Disclosure;

/// <summary>Reads a table written by <c>mosaic tabulate</c> (CSV, HXL or JSON) back into a <see cref="PublishedTable"/>.</summary>
public static class PublishedTableReader
{
    private const string TotalCode = "_total";

    /// <summary>Reads a table from its content; JSON when its name ends in <c>.json</c>, else CSV or HXL.</summary>
    /// <exception cref="PublishedTableException">The content is not a table Mosaic wrote.</exception>
    public static PublishedTable Read(ImportSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Extension == ".json" ? ReadJson(source) : ReadCsv(source);
    }

    private static PublishedTable ReadCsv(ImportSource source)
    {
        var name = source.Name;
        using var csv = CsvReader.Open(source, CsvReadOptions.Default);
        if (!csv.Read())
            throw new PublishedTableException($"{name}: the file is empty");
        var header = csv.Fields.Select(f => f.Trim()).ToList();
        var valueColumn = header.IndexOf("value");
        var suppressedColumn = header.IndexOf("suppressed");
        if (valueColumn < 0 || suppressedColumn < 0)
            throw new PublishedTableException($"{name}, row 1: no 'value' and 'suppressed' columns: not a table written by mosaic tabulate");
        var denominatorColumn = header.IndexOf("denominator");
        var dimensionColumns = Enumerable.Range(0, valueColumn).Where(c => !(c > 0 && header[c] == header[c - 1] + "_label")).ToList();
        var rows = new List<(string[] Codes, string Value, string? Denominator, string Suppressed, long Row)>();
        while (csv.Read())
        {
            var f = csv.Fields;
            if (f.Count > 0 && f[0].StartsWith('#'))
                continue;
            if (f.Count <= suppressedColumn)
                throw new PublishedTableException($"{name}, row {csv.RecordNumber}: {f.Count} columns, expected {header.Count}");
            rows.Add(([.. dimensionColumns.Select(c => f[c])], f[valueColumn], denominatorColumn >= 0 ? f[denominatorColumn] : null, f[suppressedColumn], csv.RecordNumber));
        }
        var measure = denominatorColumn >= 0 ? "share" : "count";
        return Build(name, [.. dimensionColumns.Select(c => header[c])], measure, null,
            rows.Select(r => (r.Codes, Number(name, r.Row, "value", r.Value), r.Denominator is null ? (double?)null : Number(name, r.Row, "denominator", r.Denominator),
                Flag(name, r.Row, r.Suppressed), r.Row)));
    }

    private static PublishedTable ReadJson(ImportSource source)
    {
        var name = source.Name;
        JsonDocument doc;
        try
        {
            using var stream = source.Open();
            doc = JsonDocument.Parse(stream);
        }
        catch (JsonException ex)
        {
            throw new PublishedTableException($"{name}: not valid JSON ({ex.Message})");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (!root.TryGetProperty("metadata", out var meta) || !root.TryGetProperty("dimensions", out var dims) || !root.TryGetProperty("rows", out var rowsElement))
                throw new PublishedTableException($"{name}: no metadata, dimensions and rows: not a table written by mosaic tabulate");
            var measure = meta.TryGetProperty("measure", out var m) ? m.GetString() ?? "count" : "count";
            int? k = meta.TryGetProperty("min_cell", out var mc) && int.TryParse(mc.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var kv) ? kv : null;
            var names = dims.EnumerateArray().Select(d => d.GetProperty("name").GetString()!).ToList();
            var rows = new List<(string[], double?, double?, bool, long)>();
            var row = 0L;
            foreach (var r in rowsElement.EnumerateArray())
            {
                row++;
                var codes = names.Select(n => r.TryGetProperty(n, out var c) ? c.GetString() ?? "" : throw new PublishedTableException($"{name}, row {row}: no '{n}'")).ToArray();
                double? value = r.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
                double? den = r.TryGetProperty("denominator", out var dv) && dv.ValueKind == JsonValueKind.Number ? dv.GetDouble() : null;
                rows.Add((codes, value, den, r.TryGetProperty("suppressed", out var s) && s.GetBoolean(), row));
            }
            return Build(name, names, measure, k, rows);
        }
    }

    private static PublishedTable Build(string name, List<string> names, string measure, int? k,
        IEnumerable<(string[] Codes, double? Value, double? Denominator, bool Suppressed, long Row)> rows)
    {
        var list = rows.ToList();
        var categories = names.Select(_ => new List<string>()).ToArray();
        var index = names.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        foreach (var r in list)
        {
            for (var d = 0; d < names.Count; d++)
            {
                var code = r.Codes[d];
                if (code != TotalCode && !index[d].ContainsKey(code))
                {
                    index[d][code] = categories[d].Count;
                    categories[d].Add(code);
                }
            }
        }
        var table = new LinkedTable([.. categories.Select(c => c.Count)]);
        if (list.Count != table.Size)
            throw new PublishedTableException($"{name}: {list.Count} rows, but the categories found make {table.Size} cells with totals: not a complete table written by mosaic tabulate");
        var suppressed = new bool[table.Size];
        var first = new double[table.Size];
        var second = new double[table.Size];
        var coords = new int[names.Count];
        foreach (var r in list)
        {
            for (var d = 0; d < names.Count; d++)
                coords[d] = r.Codes[d] == TotalCode ? table.Categories[d] : index[d][r.Codes[d]];
            var cell = table.Index(coords);
            suppressed[cell] = r.Suppressed;
            if (r.Suppressed)
                continue;
            if (r.Value is not { } v && measure != "share")
                throw new PublishedTableException($"{name}, row {r.Row}, column value: empty in a cell that is not suppressed");
            if (measure == "share")
            {
                var den = r.Denominator ?? 0;
                // Shares are written with four decimals; the numerator is a whole number of units.
                first[cell] = Math.Round((r.Value ?? 0) * den);
                second[cell] = den;
            }
            else
            {
                first[cell] = r.Value ?? 0;
            }
        }
        IReadOnlyList<(string, double[])> layers = measure switch
        {
            // The units without the attribute add up too (the complement rule protects them).
            "share" => [("numerator", first), ("denominator", second), ("complement", [.. second.Zip(first, (d, n) => d - n)])],
            "mean" => [],
            _ => [(measure, first)],
        };
        return new PublishedTable(name, names, categories, table, suppressed, layers, measure, k);
    }

    private static double? Number(string file, long row, string column, string text)
    {
        if (text.Length == 0)
            return null;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new PublishedTableException($"{file}, row {row}, column {column}: '{text}' is not a number");
    }

    private static bool Flag(string file, long row, string text) => text switch
    {
        "true" => true,
        "false" => false,
        _ => throw new PublishedTableException($"{file}, row {row}, column suppressed: '{text}' is not true or false"),
    };
}
