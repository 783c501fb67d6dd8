using System.Collections;

namespace Mosaic.Storage.Contract;

/// <summary>
/// A list whose enumeration throws after some items: stands for a write that fails part-way (a bad row, a full
/// disk), to prove a provider's one-transaction promise through the interface alone.
/// </summary>
public sealed class FailingList<T>(IReadOnlyList<T> items, int failAfter) : IReadOnlyList<T>
{
    public T this[int index] => index < failAfter ? items[index] : throw new InvalidOperationException("write failed part-way");

    public int Count => items.Count;

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < items.Count; i++)
            yield return i < failAfter ? items[i] : throw new InvalidOperationException("write failed part-way");
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
