using Mosaic.Core.Import.Csv;

namespace Mosaic.Core.Tabulation.Output;

/// <summary>Writes a result as CSV through <see cref="CsvWriter"/>, optionally with an HXL hashtag row under the header.</summary>
public static class CsvTableWriter
{
    /// <param name="options">Formula guard on by default (tables are opened in spreadsheets).</param>
    public static void Write(TabulationResult result, TextWriter output, bool hxl, CsvWriteOptions? options = null)
    {
        var rows = new TableRows(result);
        using var csv = new CsvWriter(output, options);
        csv.WriteRow(rows.Header());
        if (hxl)
            csv.WriteRow(rows.HxlRow());
        foreach (var row in rows.Rows())
            csv.WriteRow(row);
    }
}
