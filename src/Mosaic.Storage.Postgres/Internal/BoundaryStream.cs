using System.Collections;
using Npgsql;

namespace Mosaic.Storage.Postgres.Internal;

/// <summary>A streamed store result whose enumeration reports Npgsql failures as store failures (see <see cref="StoreBoundary{T}"/>).</summary>
internal sealed class BoundaryStream<T>(IEnumerable<T> inner, string description) : IEnumerable<T>
{
    public IEnumerator<T> GetEnumerator()
    {
        try
        {
            return new Enumerator(inner.GetEnumerator(), description);
        }
        catch (NpgsqlException ex)
        {
            throw PostgresErrors.Translate(ex, description);
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
            catch (NpgsqlException ex)
            {
                throw PostgresErrors.Translate(ex, description);
            }
        }

        public void Reset() => inner.Reset();

        public void Dispose()
        {
            try
            {
                inner.Dispose();
            }
            catch (NpgsqlException ex)
            {
                throw PostgresErrors.Translate(ex, description);
            }
        }
    }
}
