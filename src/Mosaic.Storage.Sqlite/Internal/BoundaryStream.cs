using System.Collections;
using Microsoft.Data.Sqlite;

namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>A streamed store result whose enumeration reports SQLite failures as store failures (see <see cref="StoreBoundary{T}"/>).</summary>
internal sealed class BoundaryStream<T>(IEnumerable<T> inner, string description) : IEnumerable<T>
{
    public IEnumerator<T> GetEnumerator()
    {
        try
        {
            return new Enumerator(inner.GetEnumerator(), description);
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, description);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class Enumerator(IEnumerator<T> inner, string description) : IEnumerator<T>
    {
        public T Current => inner.Current;

        object? IEnumerator.Current => Current;

        public bool MoveNext()
        {
            try
            {
                return inner.MoveNext();
            }
            catch (SqliteException ex)
            {
                throw SqliteErrors.Translate(ex, description);
            }
        }

        public void Reset() => inner.Reset();

        public void Dispose()
        {
            try
            {
                inner.Dispose();
            }
            catch (SqliteException ex)
            {
                throw SqliteErrors.Translate(ex, description);
            }
        }
    }
}
