using System.Globalization;
using System.Text;

namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>
/// Formats the text columns of a score row straight into a reused UTF-8 buffer, exactly as the string formatting of
/// <see cref="SqliteScoreStore"/> does (numbers round-trip "R", invariant; <c>pcode:rank</c> pairs), for binding with
/// <see cref="RawStatement.Utf8"/>. A returned span is valid until the next call.
/// </summary>
internal sealed class Utf8Row
{
    private readonly Dictionary<string, byte[]> _pcodes = new(StringComparer.Ordinal);
    private byte[] _buffer = new byte[1024];

    /// <summary>The values separated by single spaces.</summary>
    public ReadOnlySpan<byte> Numbers(ReadOnlySpan<double> values)
    {
        var at = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
                Put(ref at, (byte)' ');
            int written;
            while (!values[i].TryFormat(_buffer.AsSpan(at), out written, "R", CultureInfo.InvariantCulture))
                Grow();
            at += written;
        }
        return _buffer.AsSpan(0, at);
    }

    /// <summary><c>pcode:rank</c> pairs separated by single spaces.</summary>
    public ReadOnlySpan<byte> AreaRanks(IReadOnlyList<string> chain, ReadOnlySpan<int> ranks)
    {
        var at = 0;
        for (var k = 0; k < ranks.Length; k++)
        {
            if (k > 0)
                Put(ref at, (byte)' ');
            if (!_pcodes.TryGetValue(chain[k], out var pcode))
                _pcodes[chain[k]] = pcode = Encoding.UTF8.GetBytes(chain[k]);
            while (at + pcode.Length + 1 > _buffer.Length)
                Grow();
            pcode.CopyTo(_buffer.AsSpan(at));
            at += pcode.Length;
            Put(ref at, (byte)':');
            int written;
            while (!ranks[k].TryFormat(_buffer.AsSpan(at), out written, default, CultureInfo.InvariantCulture))
                Grow();
            at += written;
        }
        return _buffer.AsSpan(0, at);
    }

    private void Put(ref int at, byte b)
    {
        if (at == _buffer.Length)
            Grow();
        _buffer[at++] = b;
    }

    private void Grow() => Array.Resize(ref _buffer, _buffer.Length * 2);
}
