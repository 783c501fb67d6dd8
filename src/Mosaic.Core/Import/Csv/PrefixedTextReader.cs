namespace Mosaic.Core.Import.Csv;

/// <summary>Replays text already read (for separator detection) before the rest of the underlying reader.</summary>
internal sealed class PrefixedTextReader(string prefix, TextReader inner) : TextReader
{
    private int _pos;

    public override int Peek() => _pos < prefix.Length ? prefix[_pos] : inner.Peek();

    public override int Read() => _pos < prefix.Length ? prefix[_pos++] : inner.Read();

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (_pos >= prefix.Length)
            return inner.Read(buffer);
        var n = Math.Min(buffer.Length, prefix.Length - _pos);
        prefix.AsSpan(_pos, n).CopyTo(buffer);
        _pos += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }
}
