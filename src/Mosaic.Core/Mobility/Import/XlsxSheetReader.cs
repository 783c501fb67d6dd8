using Mosaic.Core.Import;
using Mosaic.Core.Registry.Import;

namespace Mosaic.Core.Mobility.Import;

/// <summary>
/// Reads the rows of the first worksheet of an XLSX file as text through the one streaming XLSX reader
/// (<see cref="XlsxWorkbook"/>): flat memory, zip and nesting limits, DTDs refused.
/// </summary>
internal static class XlsxSheetReader
{
    /// <summary>Rows with their 1-based spreadsheet row numbers, the header first; empty cells are "".</summary>
    public static IEnumerable<(long Row, string[] Cells)> Read(ImportSource source)
    {
        using var workbook = XlsxWorkbook.Open(source);
        if (workbook.SheetNames.Count == 0)
            throw new InvalidDataException("the XLSX file has no sheet");
        using var sheet = workbook.OpenSheet(0);
        yield return (1, [.. sheet.Table.Headers]);
        var row = new SourceRow(sheet.Table);
        while (sheet.Read(row))
        {
            var cells = new string[row.Values.Length];
            for (var i = 0; i < cells.Length; i++)
                cells[i] = row.Values[i] ?? "";
            yield return (row.RowNumber, cells);
        }
    }
}
