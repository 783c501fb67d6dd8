namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>
/// Numbers distinct byte strings in the order they are first seen (0, 1, 2 …), keeping each once in one arena: the
/// dictionary of a stored column whose values repeat (a run's exposures, its explanations). Equal means equal bytes.
/// </summary>
internal sealed class DistinctBytes
{
    private byte[] _arena = new byte[1 << 16];
    private int _arenaUsed;
    private long[] _ends = new long[256];
    private int[] _slots = NewSlots(1 << 10);

    /// <summary>How many distinct strings there are.</summary>
    public int Count { get; private set; }

    /// <summary>The distinct strings back to back, in their numbers' order.</summary>
    public ReadOnlySpan<byte> Bytes => _arena.AsSpan(0, _arenaUsed);

    /// <summary>Where each distinct string ends in <see cref="Bytes"/>.</summary>
    public ReadOnlySpan<long> Ends => _ends.AsSpan(0, Count);

    /// <summary>The number of <paramref name="value"/>, given a new one when it was not seen before.</summary>
    public int Number(ReadOnlySpan<byte> value)
    {
        var hash = Hash(value);
        var mask = _slots.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var at = _slots[slot];
            if (at < 0)
                return Add(value, slot);
            if (Of(at).SequenceEqual(value))
                return at;
        }
    }

    private ReadOnlySpan<byte> Of(int number)
    {
        var start = number == 0 ? 0 : (int)_ends[number - 1];
        return _arena.AsSpan(start, (int)_ends[number] - start);
    }

    private int Add(ReadOnlySpan<byte> value, int slot)
    {
        if (_arenaUsed + value.Length > _arena.Length)
            Array.Resize(ref _arena, (int)Math.Min(Array.MaxLength, Math.Max(_arenaUsed + (long)value.Length, _arena.Length * 2L)));
        value.CopyTo(_arena.AsSpan(_arenaUsed));
        _arenaUsed += value.Length;
        if (Count == _ends.Length)
            Array.Resize(ref _ends, _ends.Length * 2);
        var number = Count++;
        _ends[number] = _arenaUsed;
        _slots[slot] = number;
        if (Count * 2 > _slots.Length)
            Grow();
        return number;
    }

    private void Grow()
    {
        var slots = NewSlots(_slots.Length * 2);
        var mask = slots.Length - 1;
        for (var number = 0; number < Count; number++)
        {
            var slot = Hash(Of(number)) & mask;
            while (slots[slot] >= 0)
                slot = (slot + 1) & mask;
            slots[slot] = number;
        }
        _slots = slots;
    }

    private static int[] NewSlots(int size)
    {
        var slots = new int[size];
        Array.Fill(slots, -1);
        return slots;
    }

    private static int Hash(ReadOnlySpan<byte> value)
    {
        var h = new HashCode();
        h.AddBytes(value);
        return h.ToHashCode() & int.MaxValue;
    }
}
