using System.Buffers;
using System.Globalization;
using System.Text;

namespace Mosaic.Core.Registry.Export;

/// <summary>Writes rows of <see cref="ExportCell"/> as RFC 4180 CSV (comma, CRLF, UTF-8 without BOM).</summary>
public sealed class CsvTableWriter : IDisposable
{
    private static readonly SearchValues<char> s_needsQuotes = SearchValues.Create(",\"\r\n");
    private readonly StreamWriter _writer;

    public CsvTableWriter(string path)
    {
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
    }

    public void WriteHeader(IReadOnlyList<string> columns)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (i > 0)
                _writer.Write(',');
            WriteText(columns[i]);
        }
        _writer.Write("\r\n");
    }

    public void WriteRow(ReadOnlySpan<ExportCell> cells)
    {
        Span<char> number = stackalloc char[32];
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
                _writer.Write(',');
            var cell = cells[i];
            if (cell.Number is { } n && n.TryFormat(number, out var written, "R", CultureInfo.InvariantCulture))
                _writer.Write(number[..written]);
            else if (cell.Text is { } t)
                WriteText(t);
        }
        _writer.Write("\r\n");
    }

    private void WriteText(string text)
    {
        if (text.AsSpan().IndexOfAny(s_needsQuotes) < 0)
        {
            _writer.Write(text);
            return;
        }
        _writer.Write('"');
        _writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        _writer.Write('"');
    }

    public void Dispose() => _writer.Dispose();
}
