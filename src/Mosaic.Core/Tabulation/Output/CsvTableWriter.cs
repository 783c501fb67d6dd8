namespace Mosaic.Core.Tabulation.Output;

/// <summary>Writes a result as CSV, optionally with an HXL hashtag row under the header.</summary>
public static class CsvTableWriter
{
    public static void Write(TabulationResult result, TextWriter output, bool hxl)
    {
        var rows = new TableRows(result);
        WriteLine(output, rows.Header());
        if (hxl)
            WriteLine(output, rows.HxlRow());
        foreach (var row in rows.Rows())
            WriteLine(output, row);
    }

    private static void WriteLine(TextWriter output, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
                output.Write(',');
            var f = fields[i];
            if (f.AsSpan().IndexOfAny(",\"\r\n") >= 0)
                output.Write("\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
            else
                output.Write(f);
        }
        output.Write('\n');
    }
}
