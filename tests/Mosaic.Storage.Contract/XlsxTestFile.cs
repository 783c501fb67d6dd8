using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Mosaic.Storage.Contract;

/// <summary>
/// Writes small XLSX fixtures the way spreadsheet exports store cells: strings in the shared strings table
/// (every other one inline, to cover both), numbers as numeric cells, null as an omitted cell.
/// </summary>
public static class XlsxTestFile
{
    public static void Write(string path, params (string Sheet, object?[][] Rows)[] sheets)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var shared = workbookPart.AddNewPart<SharedStringTablePart>();
        var table = new SharedStringTable();
        var index = new Dictionary<string, int>();
        var sheetList = new Sheets();
        workbookPart.Workbook = new Workbook(sheetList);
        uint id = 1;
        var inline = false;
        foreach (var (name, rows) in sheets)
        {
            var part = workbookPart.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = (c >= 26 ? ((char)('A' + c / 26 - 1)).ToString() : "") + (char)('A' + c % 26) + (r + 1);
                    switch (rows[r][c])
                    {
                        case null:
                            break;
                        case string s when inline = !inline:
                            row.Append(new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(s)) });
                            break;
                        case string s:
                            if (!index.TryGetValue(s, out var i))
                            {
                                index[s] = i = index.Count;
                                table.Append(new SharedStringItem(new Text(s)));
                            }
                            row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(i.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
                            break;
                        case IConvertible n:
                            row.Append(new Cell { CellReference = reference, CellValue = new CellValue(n.ToDouble(System.Globalization.CultureInfo.InvariantCulture)) });
                            break;
                    }
                }
                data.Append(row);
            }
            part.Worksheet = new Worksheet(data);
            sheetList.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = id++, Name = name });
        }
        shared.SharedStringTable = table;
    }

    /// <summary>Reads a CSV fixture into rows, turning numeric-looking cells into numbers (as Excel would store them).</summary>
    public static object?[][] FromCsv(string path, params string[] textColumns)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var rows = new object?[lines.Length][];
        rows[0] = header;
        for (var i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            rows[i] = new object?[cells.Length];
            for (var c = 0; c < cells.Length; c++)
            {
                rows[i][c] = cells[c].Length == 0 ? null :
                    !textColumns.Contains(header[c]) && double.TryParse(cells[c], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d :
                    cells[c];
            }
        }
        return rows;
    }
}
