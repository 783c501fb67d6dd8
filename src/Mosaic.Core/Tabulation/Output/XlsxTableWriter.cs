using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Mosaic.Core.Tabulation.Output;

/// <summary>Writes a result as an XLSX workbook: sheet <c>table</c> (header, HXL row, rows) and sheet <c>metadata</c>.</summary>
public static class XlsxTableWriter
{
    /// <summary>Writes the table as an XLSX workbook to a stream.</summary>
    public static void Write(TabulationResult result, Stream output)
    {
        var rows = new TableRows(result);
        using var doc = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = doc.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var sheets = workbook.Workbook.AppendChild(new Sheets());

        var header = rows.Header();
        var table = new SheetData();
        table.Append(TextRow(header));
        table.Append(TextRow(rows.HxlRow()));
        foreach (var cell in result.Cells)
        {
            var row = new Row();
            for (var d = 0; d < result.Dimensions.Count; d++)
            {
                var dim = result.Dimensions[d];
                row.Append(Text(dim.CodeOf(cell.Categories[d])));
                if (dim.HasLabels)
                    row.Append(Text(dim.LabelOf(cell.Categories[d])));
            }
            row.Append(cell.Value is { } v ? Number(v) : Text(""));
            if (result.IsShare)
                row.Append(cell.Denominator is { } den ? Number(den) : Text(""));
            row.Append(new Cell { DataType = CellValues.Boolean, CellValue = new CellValue(cell.Suppressed ? "1" : "0") });
            table.Append(row);
        }
        AddSheet(workbook, sheets, "table", 1, table);

        var meta = new SheetData();
        meta.Append(TextRow(["key", "value"]));
        foreach (var (key, value) in rows.Metadata())
            meta.Append(TextRow([key, value]));
        AddSheet(workbook, sheets, "metadata", 2, meta);
        workbook.Workbook.Save();
    }

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, string name, uint id, SheetData data)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        part.Worksheet = new Worksheet(data);
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    private static Row TextRow(IEnumerable<string> values)
    {
        var row = new Row();
        foreach (var v in values)
            row.Append(Text(v));
        return row;
    }

    private static Cell Text(string value) =>
        new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value)) };

    private static Cell Number(double value) =>
        new() { DataType = CellValues.Number, CellValue = new CellValue(value) };
}
