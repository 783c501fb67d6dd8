using System.Text;

namespace Mosaic.Core.Import.Csv;

/// <summary>
/// A streaming RFC 4180 CSV reader: quoted fields with embedded separators, quotes and newlines, a UTF-8 BOM,
/// and <c>,</c>, <c>;</c> or tab separators (detected from the header line unless given). Memory stays
/// flat whatever the file size; fields of the current record are reused between records.
/// </summary>
public sealed class CsvReader : IDisposable
{
    private const int BufferSize = 1 << 16;
    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[BufferSize];
    private readonly StringBuilder _field = new();
    private readonly List<string> _fields = [];
    private int _pos;
    private int _len;
    private char _separator;

    /// <param name="separator">Field separator, or null to detect it from the first line.</param>
    public CsvReader(TextReader reader, char? separator = null)
    {
        _reader = reader;
        _separator = separator ?? '\0';
    }

    /// <summary>Opens a file (UTF-8, BOM tolerated).</summary>
    public static CsvReader Open(string path, char? separator = null) =>
        new(new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: BufferSize), separator);

    /// <summary>The separator in use (known after the first record).</summary>
    public char Separator => _separator;

    /// <summary>1-based physical line number where the current record starts.</summary>
    public long LineNumber { get; private set; }

    /// <summary>1-based record number of the current record (the header is record 1).</summary>
    public long RecordNumber { get; private set; }

    private long _nextLine = 1;

    /// <summary>Fields of the current record.</summary>
    public IReadOnlyList<string> Fields => _fields;

    /// <summary>Reads the next record; false at end of input. Blank lines are skipped.</summary>
    public bool Read()
    {
        while (true)
        {
            if (!ReadRecord())
                return false;
            if (_fields.Count > 1 || _fields[0].Length > 0)
            {
                RecordNumber++;
                return true;
            }
        }
    }

    private bool Fill()
    {
        _len = _reader.Read(_buffer, 0, BufferSize);
        _pos = 0;
        return _len > 0;
    }

    private bool ReadRecord()
    {
        _fields.Clear();
        if (_pos >= _len && !Fill())
            return false;
        LineNumber = _nextLine;
        if (_separator == '\0')
            DetectSeparator();
        _field.Clear();
        var quoted = false;
        var atFieldStart = true;
        while (true)
        {
            if (_pos >= _len && !Fill())
            {
                _fields.Add(_field.ToString());
                return true;
            }
            // Fast path: copy a run of ordinary characters in one append.
            var start = _pos;
            var span = _buffer.AsSpan(_pos, _len - _pos);
            var idx = quoted ? span.IndexOf('"') : span.IndexOfAny(_separator, '"', '\n');
            if (idx < 0)
            {
                if (quoted)
                    CountNewlines(span);
                _field.Append(_buffer, start, _len - start);
                _pos = _len;
                atFieldStart = false;
                continue;
            }
            if (quoted)
                CountNewlines(span[..idx]);
            _field.Append(_buffer, start, idx);
            _pos += idx;
            var c = _buffer[_pos++];
            if (quoted)
            {
                // A quote inside a quoted field: either "" (escaped quote) or the closing quote.
                if (Peek() == '"')
                {
                    _field.Append('"');
                    _pos++;
                }
                else
                {
                    quoted = false;
                }
                continue;
            }
            if (c == '"' && atFieldStart)
            {
                quoted = true;
                atFieldStart = false;
                continue;
            }
            if (c == '"')
            {
                _field.Append('"');
                continue;
            }
            if (c == _separator)
            {
                _fields.Add(_field.ToString());
                _field.Clear();
                atFieldStart = true;
                continue;
            }
            // newline
            _nextLine++;
            if (_field.Length > 0 && _field[^1] == '\r')
                _field.Length--;
            _fields.Add(_field.ToString());
            return true;
        }
    }

    private void CountNewlines(ReadOnlySpan<char> span) => _nextLine += span.Count('\n');

    private int Peek()
    {
        if (_pos >= _len && !Fill())
            return -1;
        return _buffer[_pos];
    }

    private void DetectSeparator()
    {
        // Look at the first line in the buffer: the most frequent of , ; \t outside quotes wins.
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        for (var i = _pos; i < _len && _buffer[i] != '\n'; i++)
        {
            var c = _buffer[i];
            if (c == '"')
                quoted = !quoted;
            else if (!quoted && c == ',')
                commas++;
            else if (!quoted && c == ';')
                semicolons++;
            else if (!quoted && c == '\t')
                tabs++;
        }
        _separator = semicolons > commas && semicolons >= tabs ? ';' : tabs > commas ? '\t' : ',';
    }

    public void Dispose() => _reader.Dispose();
}
