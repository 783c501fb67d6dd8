using System.Globalization;

namespace Mosaic.Core.Import;

/// <summary>A read-only stream that refuses to deliver more than a set number of bytes.</summary>
internal sealed class LimitedReadStream(Stream inner, long limit, string file, string entry) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _read += n;
        if (_read > limit)
        {
            throw new InputFormatException(new ImportIssue(file, entry, 0, null, null, string.Create(CultureInfo.InvariantCulture,
                $"expands beyond the {limit:N0} bytes its zip directory declares: a zip bomb or a damaged file")), InputProblem.Limit);
        }
        return n;
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
