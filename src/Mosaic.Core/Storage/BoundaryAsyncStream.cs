namespace Mosaic.Core.Storage;

/// <summary>
/// An asynchronous streamed store result whose enumeration reports the provider's failures as store failures (see
/// <see cref="StoreBoundary{T}"/>); a cancellation passes through as it is.
/// </summary>
internal sealed class BoundaryAsyncStream<T>(IAsyncEnumerable<T> inner, string description, StoreErrorTranslator translate) : IAsyncEnumerable<T>
{
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        try
        {
            return new Enumerator(inner.GetAsyncEnumerator(cancellationToken), description, translate);
        }
        catch (Exception ex) when (BoundaryTasks.Translate(ex, description, translate) is { } failure)
        {
            throw failure;
        }
    }

    private sealed class Enumerator(IAsyncEnumerator<T> inner, string description, StoreErrorTranslator translate) : IAsyncEnumerator<T>
    {
        public T Current => inner.Current;

        public ValueTask<bool> MoveNextAsync()
        {
            ValueTask<bool> next;
            try
            {
                next = inner.MoveNextAsync();
            }
            catch (Exception ex) when (BoundaryTasks.Translate(ex, description, translate) is { } failure)
            {
                throw failure;
            }
            // A provider that reads ahead in memory answers most rows at once: no state machine for those.
            return next.IsCompletedSuccessfully ? next : Awaited(next);
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await inner.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (BoundaryTasks.Translate(ex, description, translate) is { } failure)
            {
                throw failure;
            }
        }

        private async ValueTask<bool> Awaited(ValueTask<bool> next)
        {
            try
            {
                return await next.ConfigureAwait(false);
            }
            catch (Exception ex) when (BoundaryTasks.Translate(ex, description, translate) is { } failure)
            {
                throw failure;
            }
        }
    }
}
