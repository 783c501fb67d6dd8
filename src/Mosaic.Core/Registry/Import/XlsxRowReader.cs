using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Mosaic.Core.Import;
using Mosaic.Core.Import.Csv;

namespace Mosaic.Core.Registry.Import;

/// <summary>
/// Rows of one worksheet, read with the SAX-style <see cref="OpenXmlReader"/> so memory stays flat however many
/// rows the sheet has. Handles shared strings, inline strings, numbers, booleans and sparse rows (omitted empty
/// cells). Numbers are kept as the cell's invariant text; dates stored as serial numbers are left to the parsers.
/// </summary>
internal sealed class XlsxRowReader : IRowReader
{
    private readonly XlsxWorkbook _workbook;
    private readonly OpenXmlReader _reader;
    private readonly StringBuilder _text = new();
    private readonly List<(int Column, string Text)> _cells = [];
    private readonly string _file;
    private readonly string _sheet;
    private long _lastRow;

    internal XlsxRowReader(XlsxWorkbook workbook, WorksheetPart part, string file, string sheet)
    {
        _workbook = workbook;
        _file = file;
        _sheet = sheet;
        _reader = OpenXmlReader.Create(part);
        string[] headers = [];
        if (ReadCells(out _))
        {
            var width = 0;
            foreach (var (column, _) in _cells)
                width = Math.Max(width, column + 1);
            headers = new string[width];
            Array.Fill(headers, "");
            foreach (var (column, text) in _cells)
                headers[column] = text.Trim();
        }
        Table = new SourceTable(file, sheet, headers, IsSpreadsheet: true);
    }

    public SourceTable Table { get; }

    public long BytesRead => _workbook.Position;

    public bool Read(SourceRow row)
    {
        var values = row.Values;
        while (ReadCells(out var rowNumber))
        {
            Array.Clear(values);
            var any = false;
            foreach (var (column, text) in _cells)
            {
                if (text.Length > CsvReadOptions.DefaultMaxCellChars)
                    throw OversizedCell(rowNumber, column, text);
                if (column < values.Length && text.Length > 0)
                {
                    values[column] = text;
                    any = true;
                }
            }
            // Formatted but empty rows are common at the end of hand-edited sheets: skip them like blank CSV lines.
            if (!any)
                continue;
            row.RowNumber = rowNumber;
            return true;
        }
        return false;
    }

    /// <summary>Deepest element nesting accepted: a worksheet needs 5 levels; deeper is a damaged or hostile file.</summary>
    public const int MaxDepth = 64;

    /// <summary>Excel's last column (XFD).</summary>
    public const int MaxColumns = 16_384;

    private bool ReadCells(out long rowNumber)
    {
        try
        {
            return ReadRowCells(out rowNumber);
        }
        catch (XmlException ex)
        {
            throw XlsxWorkbook.XmlProblem(_file, _sheet, _lastRow + 1, ex);
        }
    }

    /// <summary>Reads the next &lt;row&gt; into <see cref="_cells"/>.</summary>
    private bool ReadRowCells(out long rowNumber)
    {
        _cells.Clear();
        rowNumber = 0;
        var inRow = false;
        var column = -1;
        string? type = null;
        var nextColumn = 0;
        var inInline = false;
        while (_reader.Read())
        {
            var element = _reader.ElementType;
            if (_reader.Depth > MaxDepth)
                throw Limit(rowNumber, $"XML elements nested more than {MaxDepth} levels deep: a damaged or hostile file");
            if (element == typeof(Row))
            {
                if (_reader.IsStartElement)
                {
                    inRow = true;
                    rowNumber = _lastRow + 1;
                    foreach (var a in _reader.Attributes)
                    {
                        if (a.LocalName == "r" && long.TryParse(a.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var r))
                            rowNumber = r;
                    }
                    nextColumn = 0;
                }
                else
                {
                    _lastRow = rowNumber;
                    return true;
                }
            }
            else if (!inRow)
            {
                continue;
            }
            else if (element == typeof(Cell) && _reader.IsStartElement)
            {
                column = nextColumn;
                type = null;
                foreach (var a in _reader.Attributes)
                {
                    if (a.LocalName == "r")
                        column = ColumnIndex(a.Value);
                    if (column >= MaxColumns)
                        throw Limit(rowNumber, $"a cell beyond Excel's last column ({a.Value})");
                    else if (a.LocalName == "t")
                        type = a.Value;
                }
                nextColumn = column + 1;
            }
            else if (element == typeof(CellValue) && _reader.IsStartElement)
            {
                var raw = _reader.GetText();
                var text = type switch
                {
                    "s" => int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? _workbook.SharedString(i) : "",
                    "b" => raw == "1" ? "TRUE" : "FALSE",
                    _ => raw,
                };
                _cells.Add((column, text));
            }
            else if (element == typeof(InlineString))
            {
                inInline = _reader.IsStartElement;
                if (inInline)
                    _text.Clear();
                else
                    _cells.Add((column, _text.ToString()));
            }
            else if (inInline && element == typeof(Text) && _reader.IsStartElement)
            {
                _text.Append(_reader.GetText());
            }
        }
        if (inRow)
            _lastRow = rowNumber;
        return inRow;
    }

    /// <summary>The CSV layer's cell limit, so that a workbook is not a way around it.</summary>
    private InputFormatException OversizedCell(long row, int column, string text) =>
        new(new ImportIssue(_file, _sheet, row, column < Table.Headers.Count ? Table.Headers[column] : null, string.Concat(text.AsSpan(0, 40), "…"),
            string.Create(CultureInfo.InvariantCulture,
                $"a cell of {text.Length:N0} characters, longer than the limit of {CsvReadOptions.DefaultMaxCellChars:N0}: the file is damaged or not a form export")),
            InputProblem.Limit);

    private InputFormatException Limit(long row, string reason) =>
        new(new ImportIssue(_file, _sheet, row, null, null, reason), InputProblem.Limit);

    /// <summary>Zero-based column of a cell reference such as <c>AB12</c>.</summary>
    internal static int ColumnIndex(string? reference)
    {
        var column = 0;
        foreach (var c in reference ?? "")
        {
            if (c is < 'A' or > 'Z' || column > MaxColumns)
                break;
            column = column * 26 + (c - 'A' + 1);
        }
        return column - 1;
    }

    public void Dispose() => _reader.Dispose();
}
