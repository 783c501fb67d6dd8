using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Mosaic.Core.Import;

namespace Mosaic.Core.Registry.Import;

/// <summary>An XLSX file opened read-only: its sheets in workbook order and the shared strings table.</summary>
internal sealed class XlsxWorkbook : IDisposable
{
    private readonly Stream _stream;
    private readonly SpreadsheetDocument _document;
    private readonly List<(string Name, WorksheetPart Part)> _sheets = [];
    private string[]? _sharedStrings;

    private XlsxWorkbook(ImportSource source)
    {
        Name = source.Name;
        _stream = Seekable(source.Open());
        try
        {
            _document = SpreadsheetDocument.Open(_stream, false);
        }
        catch
        {
            _stream.Dispose();
            throw;
        }
        var workbook = _document.WorkbookPart ?? throw new InvalidDataException("the XLSX file has no workbook");
        foreach (var sheet in workbook.Workbook.Sheets?.Elements<Sheet>() ?? [])
        {
            if (sheet.Id?.Value is { } id && workbook.GetPartById(id) is WorksheetPart part)
                _sheets.Add((sheet.Name?.Value ?? "", part));
        }
    }

    /// <summary>Opens a workbook file (see <see cref="Open(ImportSource)"/>).</summary>
    public static XlsxWorkbook Open(string path) => Open(ImportSource.FromFile(path));

    /// <summary>Opens a workbook; throws <see cref="InvalidDataException"/> when the file is not an XLSX.</summary>
    /// <exception cref="InputFormatException">The workbook expands beyond the zip limits or holds a DTD.</exception>
    public static XlsxWorkbook Open(ImportSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        ZipLimits.Check(source);
        try
        {
            return new XlsxWorkbook(source);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or FileFormatException or System.IO.InvalidDataException)
        {
            throw new InvalidDataException($"{source.Name} is not a readable XLSX file: {ex.Message}", ex);
        }
        catch (XmlException ex)
        {
            throw XmlProblem(source.Name, null, 0, ex);
        }
    }

    /// <summary>The package reader seeks: a forward-only stream is buffered in memory first.</summary>
    private static Stream Seekable(Stream stream)
    {
        if (stream.CanSeek)
            return stream;
        using (stream)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            return copy;
        }
    }

    /// <summary>An XML error in a workbook part, as an input problem (a DTD is refused: entity expansion, external entities).</summary>
    internal static InputFormatException XmlProblem(string file, string? sheet, long row, XmlException ex)
    {
        var dtd = ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase);
        var reason = dtd
            ? "the workbook declares an XML DTD (entity definitions), which spreadsheet exports never do; refused for safety"
            : $"damaged workbook XML: {ex.Message}";
        return new InputFormatException(new ImportIssue(file, sheet, row, null, null, reason), dtd ? InputProblem.Unsafe : InputProblem.Structure, ex);
    }

    /// <summary>The workbook's file name, as messages give it.</summary>
    public string Name { get; }

    /// <summary>Sheet names in workbook order.</summary>
    public IReadOnlyList<string> SheetNames => _sheets.ConvertAll(s => s.Name);

    /// <summary>The underlying file's size and read position, for progress.</summary>
    public long Length => _stream.Length;

    public long Position => _stream.Position;

    /// <summary>Opens a forward-only reader over a sheet's rows (the first row is the header).</summary>
    public XlsxRowReader OpenSheet(int index) =>
        new(this, _sheets[index].Part, Name, _sheets[index].Name);

    internal string SharedString(int index)
    {
        if (_sharedStrings is null)
        {
            try
            {
                _sharedStrings = LoadSharedStrings();
            }
            catch (XmlException ex)
            {
                throw XmlProblem(Name, "sharedStrings", 0, ex);
            }
        }
        return (uint)index < (uint)_sharedStrings.Length ? _sharedStrings[index] : "";
    }

    private string[] LoadSharedStrings()
    {
        var part = _document.WorkbookPart?.SharedStringTablePart;
        if (part is null)
            return [];
        var result = new List<string>();
        using var reader = OpenXmlReader.Create(part);
        var text = new System.Text.StringBuilder();
        var inItem = false;
        var phonetic = 0;
        while (reader.Read())
        {
            var type = reader.ElementType;
            if (type == typeof(SharedStringItem))
            {
                if (reader.IsStartElement)
                {
                    inItem = true;
                    text.Clear();
                }
                else
                {
                    inItem = false;
                    result.Add(text.ToString());
                }
            }
            else if (type == typeof(PhoneticRun))
            {
                // Phonetic guides (furigana) are not part of the cell's text.
                phonetic += reader.IsStartElement ? 1 : -1;
            }
            else if (type == typeof(Text) && reader.IsStartElement && inItem && phonetic == 0)
            {
                text.Append(reader.GetText());
            }
        }
        return [.. result];
    }

    public void Dispose()
    {
        _document.Dispose();
        _stream.Dispose();
    }
}
