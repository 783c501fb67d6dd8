using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Mosaic.Core.Application;

namespace Mosaic.Core.Import;

/// <summary>
/// A read-only stream over UTF-8 text that stops at the first byte that is not valid UTF-8, or at U+FFFD (the mark a
/// wrong conversion leaves behind), naming its line and byte. System.Text.Json reads such bytes without a word and
/// fails only later, with no position, when the value is turned into a string; names would otherwise be mangled.
/// </summary>
/// <param name="inner">The UTF-8 bytes (owned: disposed with this stream).</param>
/// <param name="file">File name for messages.</param>
/// <param name="encodingName">The encoding the user's file is read in, for messages.</param>
internal sealed class Utf8CheckingStream(Stream inner, string file, string encodingName) : Stream
{
    private const int PreviewBytes = 40;
    private readonly byte[] _carry = new byte[4];
    private int _carryLength;
    private long _line = 1;
    private long _lineStart;
    private long _offset;

    private static ReadOnlySpan<byte> Replacement => [0xEF, 0xBF, 0xBD];

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _offset + _carryLength;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Check(buffer[..n], final: n == 0 && buffer.Length > 0);
        return n;
    }

    /// <summary>Checks the bytes read after those already checked; a sequence cut by the end of a read waits for the next.</summary>
    private void Check(ReadOnlySpan<byte> read, bool final)
    {
        ReadOnlySpan<byte> data = read;
        if (_carryLength > 0)
        {
            // Rare: a multi-byte character straddles two reads.
            var joined = new byte[_carryLength + read.Length];
            _carry.AsSpan(0, _carryLength).CopyTo(joined);
            read.CopyTo(joined.AsSpan(_carryLength));
            data = joined;
        }
        var complete = final ? data.Length : CompleteLength(data);
        var body = data[..complete];
        if (!Utf8.IsValid(body) || body.IndexOf(Replacement) >= 0)
            throw Invalid(body);
        Advance(body);
        var rest = data[complete..];
        rest.CopyTo(_carry);
        _carryLength = rest.Length;
    }

    /// <summary>The length of <paramref name="data"/> without a trailing sequence still waiting for its continuation bytes.</summary>
    private static int CompleteLength(ReadOnlySpan<byte> data)
    {
        for (var i = data.Length - 1; i >= Math.Max(0, data.Length - 3); i--)
        {
            var b = data[i];
            if ((b & 0xC0) == 0x80)
                continue;
            var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return i + needed > data.Length ? i : data.Length;
        }
        return data.Length;
    }

    private void Advance(ReadOnlySpan<byte> checkedBytes)
    {
        var newlines = checkedBytes.Count((byte)'\n');
        if (newlines > 0)
        {
            _line += newlines;
            _lineStart = _offset + checkedBytes.LastIndexOf((byte)'\n') + 1;
        }
        _offset += checkedBytes.Length;
    }

    private InputFormatException Invalid(ReadOnlySpan<byte> body)
    {
        var bad = 0;
        while (bad < body.Length)
        {
            var status = Rune.DecodeFromUtf8(body[bad..], out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done || rune.Value == 0xFFFD)
                break;
            bad += consumed;
        }
        Advance(body[..bad]);
        var column = _offset - _lineStart + 1;
        var from = (int)Math.Max(Math.Max(0, bad - PreviewBytes), _lineStart - (_offset - bad));
        var preview = Encoding.UTF8.GetString(body[from..Math.Min(body.Length, bad + 4)]).Trim();
        var cut = preview.IndexOfAny(['\n', '\r']);
        if (cut > 0)
            preview = preview[..cut];
        var where = string.Create(CultureInfo.InvariantCulture, $"line {_line}, byte {column}");
        return new InputFormatException(new ImportIssue(file, null, _line, null, preview,
            $"{where}: bytes that are not valid {encodingName} text: the file may be in a legacy encoding " +
            "(for example windows-1252 or ISO-8859-1); give its encoding or re-save it as UTF-8") { Remedy = RequestSetting.TextEncoding },
            InputProblem.Encoding);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }
}
