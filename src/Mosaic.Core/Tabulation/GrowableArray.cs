namespace Mosaic.Core.Tabulation;

/// <summary>An append-only array that doubles its capacity; <see cref="ToArray"/> trims to the exact size.</summary>
internal sealed class GrowableArray<T>(int capacity = 1024)
{
    private T[] _items = new T[Math.Max(capacity, 16)];

    public int Count { get; private set; }

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
