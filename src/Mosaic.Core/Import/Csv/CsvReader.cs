using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace Mosaic.Core.Import.Csv;

/// <summary>
/// The one CSV reader of Mosaic, on nietras/Sep: RFC 4180 quoting (separators, quotes and newlines inside quoted
/// fields), LF, CRLF and CR-only line endings, <c>,</c>, <c>;</c> or tab separators (detected from the header line
/// unless given), UTF-8 by default and UTF-8/UTF-16 byte-order marks. It is strict where a lenient reader would
/// lose data without a word: a stray or unterminated quote, a row with fewer fields than the header, bytes that
/// are not valid in the file's encoding and an oversized cell stop the read with an <see cref="InputFormatException"/>
/// naming the row, line and column. Memory stays flat whatever the file size.
/// </summary>
internal sealed class CsvReader : IDisposable
{
    private const int BufferSize = 1 << 16;
    private const int PreviewChars = 40;
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly SepReader _sep;
    private readonly List<string> _fields = [];
    private readonly string _file;
    private readonly string? _sheet;
    private readonly int _maxCell;
    private readonly string _encodingName;
    private string[]? _headerNames;
    private int? _widestDataRow;
    private long _nextLine = 1;

    /// <param name="separator">Field separator, or null to detect it from the first line.</param>
    public CsvReader(TextReader reader, char? separator = null)
        : this(reader, "", null, new CsvReadOptions(Separator: separator))
    {
    }

    /// <param name="reader">Decoded text (invalid bytes already replaced by U+FFFD, which is reported).</param>
    /// <param name="file">File name for messages.</param>
    /// <param name="sheet">Inner name (an entry of a zip), else null.</param>
    public CsvReader(TextReader reader, string file, string? sheet, CsvReadOptions options)
    {
        _file = file;
        _sheet = sheet;
        _maxCell = options.MaxCellChars;
        _encodingName = options.Encoding?.WebName ?? "UTF-8";
        if (options.Separator is { } s)
        {
            Separator = s;
        }
        else
        {
            var first = ReadFirstLine(reader);
            Separator = DetectSeparator(first);
            reader = new PrefixedTextReader(first, reader);
        }
        _sep = Sep.New(Separator).Reader(o => o with
        {
            HasHeader = false,
            DisableColCountCheck = true,
            // A plain string per cell: Sep's per-column pool hashed every cell, ~1/5 of the reading thread's time in a
            // registration import (perf), more than the short-lived strings cost the GC (peak memory unchanged).
            CreateToString = SepToString.Direct,
        }).From(reader);
    }

    /// <summary>Opens a file (UTF-8, BOM tolerated, separator detected).</summary>
    public static CsvReader Open(string path) => Open(path, CsvReadOptions.Default);

    /// <summary>Opens a file with a known separator.</summary>
    public static CsvReader Open(string path, char separator) => Open(path, new CsvReadOptions(Separator: separator));

    /// <summary>Opens a file.</summary>
    public static CsvReader Open(string path, CsvReadOptions options)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize);
        return Open(stream, Path.GetFileName(path), null, options);
    }

    /// <summary>Opens an import source, named in messages by its name.</summary>
    public static CsvReader Open(ImportSource source, CsvReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Open(source.Open(), source.Name, null, options);
    }

    /// <summary>Reads a stream (owned and disposed by the reader). A byte-order mark overrides the encoding given.</summary>
    public static CsvReader Open(Stream stream, string file, string? sheet, CsvReadOptions options)
    {
        var text = new StreamReader(stream, options.Encoding ?? s_utf8, detectEncodingFromByteOrderMarks: true, bufferSize: BufferSize);
        try
        {
            return new CsvReader(text, file, sheet, options);
        }
        catch
        {
            text.Dispose();
            throw;
        }
    }

    /// <summary>The separator in use.</summary>
    public char Separator { get; }

    /// <summary>1-based physical line number where the current record starts.</summary>
    public long LineNumber { get; private set; }

    /// <summary>1-based record number of the current record (the header is record 1); blank lines are not counted.</summary>
    public long RecordNumber { get; private set; }

    /// <summary>Fields of the current record.</summary>
    public IReadOnlyList<string> Fields => _fields;

    /// <summary>Reads the next record; false at end of input. Blank lines are skipped.</summary>
    /// <exception cref="InputFormatException">The file cannot be split into rows and fields reliably from here on.</exception>
    public bool Read()
    {
        while (MoveNext())
        {
            var row = _sep.Current;
            var line = _nextLine;
            _nextLine = row.LineNumberToExcl;
            var count = row.ColCount;
            if (count == 1 && row.Span.Length == 0)
                continue;
            LineNumber = line;
            RecordNumber++;
            _fields.Clear();
            // One scan of the row decides whether the slower per-field checks are needed at all.
            var rowSpan = row.Span;
            var anyQuote = rowSpan.Contains('"');
            var anyInvalid = rowSpan.ContainsAny('\uFFFD', '\0');
            for (var i = 0; i < count; i++)
            {
                var col = row[i];
                var span = col.Span;
                if (span.Length > _maxCell)
                {
                    throw Fail(i, span, string.Create(CultureInfo.InvariantCulture,
                        $"a cell of {span.Length:N0} characters, longer than the limit of {_maxCell:N0}: the file is damaged or not a CSV export"),
                        InputProblem.Limit);
                }
                if (anyInvalid && span.Contains('\0'))
                {
                    // No text column can hold it (PostgreSQL refuses it outright): binary data or a damaged file.
                    throw Fail(i, span.ToString().Replace('\0', '\uFFFD').AsSpan(),
                        "a NUL character (byte 0) in the value: the file is damaged or not a text CSV export", InputProblem.Encoding);
                }
                if (anyInvalid && span.Contains('\uFFFD'))
                {
                    throw Fail(i, span, $"bytes that are not valid {_encodingName} text: the file may be in a legacy encoding " +
                        "(for example windows-1252 or ISO-8859-1); give its encoding or re-save it as UTF-8", InputProblem.Encoding);
                }
                _fields.Add(anyQuote && span.Contains('"') ? Unquote(i, span) : col.ToString());
            }
            if (RecordNumber == 1)
            {
                if (_fields[0].StartsWith('\uFEFF'))
                    _fields[0] = _fields[0][1..];
                _headerNames = [.. _fields];
            }
            else
            {
                CheckFieldCount();
            }
            return true;
        }
        return false;
    }

    private bool MoveNext()
    {
        try
        {
            return _sep.MoveNext();
        }
        catch (NotSupportedException ex)
        {
            // Sep's own ceiling on one row (16 Mi characters): a runaway quote or a file that is not text.
            throw new InputFormatException(new ImportIssue(_file, _sheet, RecordNumber + 1, null, null, string.Create(CultureInfo.InvariantCulture,
                $"line {_nextLine}: a row longer than the CSV reader's limit (16,777,216 characters): the file is damaged or not a CSV export")),
                InputProblem.Limit, ex);
        }
    }

    private void CheckFieldCount()
    {
        var expected = _headerNames!.Length;
        var count = _fields.Count;
        if (count == expected)
            return;
        if (count < expected && HeaderIndex.IsHxlRow(_fields))
        {
            // HXL lets a tag row tag only the first columns: the rest are untagged, not missing.
            while (_fields.Count < expected)
                _fields.Add("");
            return;
        }
        if (count < expected)
        {
            throw Fail(count - 1, _fields[^1].AsSpan(), string.Create(CultureInfo.InvariantCulture,
                $"the row has {count} field(s) where the header has {expected}: the row is cut short or lost its separators"));
        }
        // Trailing empty fields (an extra separator at the end of a row) carry nothing; anything else does.
        for (var i = expected; i < count; i++)
        {
            if (!string.IsNullOrWhiteSpace(_fields[i]))
            {
                throw Fail(i, _fields[i].AsSpan(), string.Create(CultureInfo.InvariantCulture,
                    $"the row has {count} fields where the header has {expected}: an unquoted value contains the separator '{Printable(Separator)}'"));
            }
        }
        // A tool that ends every row with a separator writes them all alike. One row wider than the rows before it,
        // even with an empty tail, is a value split by a stray separator: its values are shifted right.
        _widestDataRow ??= RecordNumber == 2 ? count : expected;
        if (count != _widestDataRow)
        {
            var before = _widestDataRow == expected
                ? string.Create(CultureInfo.InvariantCulture, $"the header and the rows before it have {expected}")
                : string.Create(CultureInfo.InvariantCulture, $"the header has {expected} and the rows before it {_widestDataRow}");
            throw Fail(expected, "".AsSpan(), string.Create(CultureInfo.InvariantCulture,
                $"the row has {count} fields where {before} (the extra ones empty): an unquoted value contains the separator " +
                $"'{Printable(Separator)}', so the values after it are shifted"));
        }
        _fields.RemoveRange(expected, count - expected);
    }

    // RFC 4180: a quoted field starts and ends with a quote and doubles the quotes inside it; anything else means
    // the split into rows and fields is already wrong, so the read stops instead of guessing.
    private string Unquote(int index, ReadOnlySpan<char> span)
    {
        if (span[0] != '"')
            throw Fail(index, span, "a quote inside an unquoted value: quote the whole value and double the quotes inside it (\"a \"\"b\"\" c\")");
        var text = new StringBuilder(span.Length);
        for (var i = 1; i < span.Length; i++)
        {
            var c = span[i];
            if (c != '"')
            {
                text.Append(c);
                continue;
            }
            if (i + 1 < span.Length && span[i + 1] == '"')
            {
                text.Append('"');
                i++;
                continue;
            }
            if (i == span.Length - 1)
                return text.ToString();
            throw Fail(index, span, "text after the closing quote of a quoted value (a stray or unbalanced quote): every row from here on would be misread");
        }
        throw Fail(index, span, "a quoted value is never closed: the rest of the file would be read as one value");
    }

    private InputFormatException Fail(int index, ReadOnlySpan<char> value, string reason, InputProblem problem = InputProblem.Structure)
    {
        var column = _headerNames is { } h && index >= 0 && index < h.Length ? h[index]
            : string.Create(CultureInfo.InvariantCulture, $"#{index + 1}");
        // A broken quote makes the value run on across separators and lines: show what the user sees in one cell.
        var cut = value.IndexOfAny(Separator, '\n', '\r');
        if (cut > 0)
            value = value[..cut];
        var preview = value.Length > PreviewChars ? string.Concat(value[..PreviewChars], "…") : value.ToString();
        return new InputFormatException(new ImportIssue(_file, _sheet, RecordNumber, column, preview,
            string.Create(CultureInfo.InvariantCulture, $"line {LineNumber}: {reason}")), problem);
    }

    private static string Printable(char c) => c == '\t' ? "tab" : c.ToString();

    private static string ReadFirstLine(TextReader reader)
    {
        var buffer = new char[BufferSize];
        var length = 0;
        while (length < buffer.Length)
        {
            var n = reader.Read(buffer, length, buffer.Length - length);
            if (n == 0)
                break;
            var end = buffer.AsSpan(length, n).IndexOfAny('\n', '\r');
            length += n;
            if (end >= 0)
                break;
        }
        return new string(buffer, 0, length);
    }

    // The most frequent of , ; tab outside quotes in the first line wins.
    private static char DetectSeparator(string text)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
                quoted = !quoted;
            else if (!quoted && (c == '\n' || c == '\r'))
                break;
            else if (!quoted && c == ',')
                commas++;
            else if (!quoted && c == ';')
                semicolons++;
            else if (!quoted && c == '\t')
                tabs++;
        }
        return semicolons > commas && semicolons >= tabs ? ';' : tabs > commas ? '\t' : ',';
    }

    public void Dispose() => _sep.Dispose();
}
