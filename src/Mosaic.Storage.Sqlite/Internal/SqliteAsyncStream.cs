namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>
/// A store's streamed read as an <see cref="IAsyncEnumerable{T}"/>: SQLite runs in-process, so every step answers at
/// once (a completed <see cref="ValueTask{TResult}"/>, no state machine) after checking both tokens, the one given to
/// the read and the one given to the enumeration. The read starts at the first step, again for each enumeration.
/// </summary>
internal sealed class SqliteAsyncStream<T>(Func<IEnumerable<T>> read, CancellationToken readToken) : IAsyncEnumerable<T>
{
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        new Enumerator(read, readToken, cancellationToken);

    private sealed class Enumerator(Func<IEnumerable<T>> read, CancellationToken readToken, CancellationToken enumerationToken) : IAsyncEnumerator<T>
    {
        private IEnumerator<T>? _rows;

        public T Current => _rows is null ? default! : _rows.Current;

        public ValueTask<bool> MoveNextAsync()
        {
            readToken.ThrowIfCancellationRequested();
            enumerationToken.ThrowIfCancellationRequested();
            _rows ??= read().GetEnumerator();
            return new ValueTask<bool>(_rows.MoveNext());
        }

        public ValueTask DisposeAsync()
        {
            _rows?.Dispose();
            _rows = null;
            return default;
        }
    }
}
