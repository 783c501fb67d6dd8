using System.Numerics;

namespace Mosaic.Core.Tabulation;

/// <summary>A fixed-length set of row positions, one bit per row: compiled filters are bitmaps so that combining them is word-wide.</summary>
internal sealed class Bitmap
{
    private readonly ulong[] _words;

    public Bitmap(int length)
    {
        Length = length;
        _words = new ulong[(length + 63) >> 6];
    }

    public int Length { get; }

    internal ulong[] Words => _words;

    public bool this[int row] => ((_words[row >> 6] >> row) & 1UL) != 0;

    public void Set(int row) => _words[row >> 6] |= 1UL << row;

    /// <summary>Sets rows [start, end).</summary>
    public void SetRange(int start, int end)
    {
        for (var i = start; i < end; i++)
            _words[i >> 6] |= 1UL << i;
    }

    public static Bitmap All(int length)
    {
        var b = new Bitmap(length);
        Array.Fill(b._words, ulong.MaxValue);
        b.ClearTail();
        return b;
    }

    public Bitmap And(Bitmap other)
    {
        var r = new Bitmap(Length);
        for (var i = 0; i < _words.Length; i++)
            r._words[i] = _words[i] & other._words[i];
        return r;
    }

    public Bitmap Or(Bitmap other)
    {
        var r = new Bitmap(Length);
        for (var i = 0; i < _words.Length; i++)
            r._words[i] = _words[i] | other._words[i];
        return r;
    }

    public Bitmap Not()
    {
        var r = new Bitmap(Length);
        for (var i = 0; i < _words.Length; i++)
            r._words[i] = ~_words[i];
        r.ClearTail();
        return r;
    }

    public long Count()
    {
        long n = 0;
        foreach (var w in _words)
            n += BitOperations.PopCount(w);
        return n;
    }

    private void ClearTail()
    {
        var extra = Length & 63;
        if (extra != 0)
            _words[^1] &= (1UL << extra) - 1;
    }
}
