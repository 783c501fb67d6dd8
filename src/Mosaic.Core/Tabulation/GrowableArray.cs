namespace Mosaic.Core.Tabulation;

/// <summary>An append-only array that doubles its capacity; <see cref="ToArray"/> trims to the exact size.</summary>
internal sealed class GrowableArray<T>(int capacity = 1024)
{
    private T[] _items = new T[Math.Max(capacity, 16)];

    public int Count { get; private set; }

    /// <summary>An array holding <paramref name="items"/> first, with room for <paramref name="more"/> further items.</summary>
    public static GrowableArray<T> Continuing(T[] items, int more)
    {
        var array = new GrowableArray<T>(items.Length + Math.Max(more, 16));
        items.CopyTo(array._items, 0);
        array.Count = items.Length;
        return array;
    }

    public void Add(T item)
    {
        if (Count == _items.Length)
            Array.Resize(ref _items, _items.Length * 2);
        _items[Count++] = item;
    }

    public T this[int index]
    {
        get => _items[index];
        set => _items[index] = value;
    }

    public T[] ToArray()
    {
        var result = _items.AsSpan(0, Count).ToArray();
        _items = [];
        return result;
    }
}
