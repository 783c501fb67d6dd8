using System.Collections;

namespace Mosaic.Core.Storage;

/// <summary>A streamed store result whose enumeration reports the provider's failures as store failures (see <see cref="StoreBoundary{T}"/>).</summary>
internal sealed class BoundaryStream<T>(IEnumerable<T> inner, string description, StoreErrorTranslator translate) : IEnumerable<T>
{
    public IEnumerator<T> GetEnumerator() =>
        Guard(() => (IEnumerator<T>)new Enumerator(inner.GetEnumerator(), description, translate), description, translate);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static TResult Guard<TResult>(Func<TResult> work, string description, StoreErrorTranslator translate)
    {
        try
        {
            return work();
        }
        catch (Exception ex) when (ex is not StoreException)
        {
            var failure = translate(ex, description);
            if (failure is null)
                throw;
            throw failure;
        }
    }

    private sealed class Enumerator(IEnumerator<T> inner, string description, StoreErrorTranslator translate) : IEnumerator<T>
    {
        public T Current => inner.Current;

        object? IEnumerator.Current => Current;

        public bool MoveNext() => Guard(inner.MoveNext, description, translate);

        public void Reset() => inner.Reset();

        public void Dispose() => Guard(() => { inner.Dispose(); return true; }, description, translate);
    }
}
