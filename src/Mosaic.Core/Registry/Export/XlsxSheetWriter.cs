using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Mosaic.Core.Registry.Export;

/// <summary>
/// Streams one worksheet part (the XML of a sheet, written to the part's stream) with <see cref="OpenXmlWriter"/>: a header row of inline strings, then rows of
/// <see cref="ExportCell"/> (numbers as numeric cells, text as inline strings, missing values as absent cells).
/// Cell objects are reused so memory and garbage stay flat however many rows are written.
/// </summary>
internal sealed class XlsxSheetWriter : IDisposable
{
    private readonly OpenXmlWriter _writer;
    private readonly string[] _columnLetters;
    private readonly Row _row = new();
    private readonly Cell _numberCell = new(new CellValue());
    private readonly Text _text = new();
    private readonly Cell _textCell;
    private long _rowNumber;

    public XlsxSheetWriter(Stream partStream, int columns)
    {
        _textCell = new Cell(new InlineString(_text)) { DataType = CellValues.InlineString };
        _columnLetters = new string[columns];
        for (var i = 0; i < columns; i++)
            _columnLetters[i] = ColumnName(i);
        _writer = OpenXmlWriter.Create(partStream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteStartElement(new SheetData());
    }

    public void WriteHeader(IReadOnlyList<string> columns)
    {
        var cells = new ExportCell[columns.Count];
        for (var i = 0; i < cells.Length; i++)
            cells[i] = columns[i];
        WriteRow(cells);
    }

    public void WriteRow(ReadOnlySpan<ExportCell> cells)
    {
        _rowNumber++;
        var rowText = _rowNumber.ToString(CultureInfo.InvariantCulture);
        _row.RowIndex = (uint)_rowNumber;
        _writer.WriteStartElement(_row);
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = cells[i];
            if (cell.Number is { } n)
            {
                _numberCell.CellReference = _columnLetters[i] + rowText;
                _numberCell.CellValue!.Text = n.ToString("R", CultureInfo.InvariantCulture);
                _writer.WriteElement(_numberCell);
            }
            else if (cell.Text is { } t)
            {
                _textCell.CellReference = _columnLetters[i] + rowText;
                _text.Text = t;
                _writer.WriteElement(_textCell);
            }
        }
        _writer.WriteEndElement();
    }

    /// <summary>A spreadsheet column name: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
            name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    public void Dispose()
    {
        _writer.WriteEndElement();
        _writer.WriteEndElement();
        _writer.Close();
        _writer.Dispose();
    }
}
