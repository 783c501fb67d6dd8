using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace Mosaic.Storage.Postgres.Internal;

/// <summary>
/// Rows for a <c>COPY … FROM STDIN (FORMAT BINARY)</c>, encoded here into one growing buffer and sent whole over
/// Npgsql's raw binary copy stream (<see cref="SendAsync"/>): PostgreSQL's binary tuple format (a field count, then
/// per field its length and big-endian bytes, -1 for NULL) written directly. The import sends millions of fields;
/// going through <see cref="NpgsqlBinaryImporter"/> cost a type resolution and a (mostly synchronous) async state
/// machine per field, which made the writer thread, not PostgreSQL, the import's bottleneck. The caller must write
/// each column in the type the <c>COPY</c>'s column list has (PostgreSQL checks field lengths, not types).
/// </summary>
/// <remarks>
/// Encoding touches no connection, so rows can be encoded while an earlier buffer is being sent (the import encodes
/// a round of households while the server stores the previous one). A buffer holds bytes, not objects: the
/// households it was encoded from are garbage at once.
/// </remarks>
internal sealed class CopyRows
{
    // "PGCOPY\n\377\r\n\0", flags, header extension length.
    private static readonly byte[] s_header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly int s_epochDay = new DateOnly(2000, 1, 1).DayNumber;
    private static readonly long s_epochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private byte[] _buffer = new byte[1 << 16];
    private int _at;

    public CopyRows() => Clear();

    /// <summary>Rows encoded since the buffer was last cleared.</summary>
    public long Rows { get; private set; }

    /// <summary>Empties the buffer for the next rows (keeping its memory).</summary>
    public void Clear()
    {
        s_header.CopyTo(_buffer, 0);
        _at = s_header.Length;
        Rows = 0;
    }

    /// <summary>Starts a row of <paramref name="fields"/> fields.</summary>
    public void StartRow(short fields)
    {
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_at), fields);
        _at += 2;
        Rows++;
    }

    /// <summary>
    /// Runs the <c>COPY</c> on the connection (inside its transaction) with the rows encoded so far; PostgreSQL's
    /// error, if any, is thrown here. Cancelled, the <c>COPY</c> is cancelled (nothing of it is kept).
    /// </summary>
    /// <param name="connection">The import's connection.</param>
    /// <param name="command">The whole <c>COPY … FROM STDIN (FORMAT BINARY)</c> statement.</param>
    /// <param name="cancellationToken">Stops the copy.</param>
    /// <returns>Rows sent.</returns>
    public async Task<long> SendAsync(NpgsqlConnection connection, string command, CancellationToken cancellationToken)
    {
        var stream = await connection.BeginRawBinaryCopyAsync(command, cancellationToken).ConfigureAwait(false);
        var completed = false;
        try
        {
            var end = _at;
            Ensure(2);
            BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(end), -1);
            await stream.WriteAsync(_buffer.AsMemory(0, end + 2), cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            completed = true;
            await stream.DisposeAsync().ConfigureAwait(false);
            return Rows;
        }
        finally
        {
            if (!completed)
                await CancelAsync(stream).ConfigureAwait(false);
        }
    }

    private static async Task CancelAsync(NpgsqlRawCopyStream stream)
    {
        try
        {
            await stream.CancelAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException or OperationCanceledException)
        {
            // Already failing (the exception being thrown is the one to report); the transaction rolls back.
        }
        try
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException or OperationCanceledException)
        {
            // As above: the COPY was cancelled or the connection broke; the caller's failure is the one to report.
        }
    }

    public void Null()
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_at), -1);
        _at += 4;
    }

    public void Smallint(short value) => BinaryPrimitives.WriteInt16BigEndian(Field(2), value);

    public void Integer(int value) => BinaryPrimitives.WriteInt32BigEndian(Field(4), value);

    public void Bigint(long value) => BinaryPrimitives.WriteInt64BigEndian(Field(8), value);

    public void Double(double value) => BinaryPrimitives.WriteDoubleBigEndian(Field(8), value);

    public void Boolean(bool value) => Field(1)[0] = value ? (byte)1 : (byte)0;

    /// <summary>A <c>date</c>: days since 2000-01-01.</summary>
    public void Date(DateOnly value) => Integer(value.DayNumber - s_epochDay);

    /// <summary>A <c>timestamptz</c>: microseconds since 2000-01-01 UTC.</summary>
    public void TimestampTz(DateTimeOffset value) => Bigint((value.UtcTicks - s_epochTicks) / 10);

    public void Integer(int? value)
    {
        if (value is { } v)
            Integer(v);
        else
            Null();
    }

    public void Smallint(short? value)
    {
        if (value is { } v)
            Smallint(v);
        else
            Null();
    }

    public void Double(double? value)
    {
        if (value is { } v)
            Double(v);
        else
            Null();
    }

    public void Boolean(bool? value)
    {
        if (value is { } v)
            Boolean(v);
        else
            Null();
    }

    public void Date(DateOnly? value)
    {
        if (value is { } v)
            Date(v);
        else
            Null();
    }

    public void TimestampTz(DateTimeOffset? value)
    {
        if (value is { } v)
            TimestampTz(v);
        else
            Null();
    }

    /// <summary>A <c>text</c> (UTF-8), or NULL.</summary>
    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }
        Ensure(4 + s_utf8.GetMaxByteCount(value.Length));
        var length = s_utf8.GetBytes(value, _buffer.AsSpan(_at + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_at), length);
        _at += 4 + length;
    }

    public void Bytea(ReadOnlySpan<byte> value) => value.CopyTo(Field(value.Length));

    /// <summary>Writes a field's length and returns the space for its value.</summary>
    private Span<byte> Field(int length)
    {
        Ensure(4 + length);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_at), length);
        var value = _buffer.AsSpan(_at + 4, length);
        _at += 4 + length;
        return value;
    }

    /// <summary>Room for <paramref name="bytes"/> more: the buffer grows (rows are sent whole, between rows).</summary>
    private void Ensure(int bytes)
    {
        if (_at + bytes <= _buffer.Length)
            return;
        Array.Resize(ref _buffer, Math.Max(_at + bytes, 2 * _buffer.Length));
    }
}
