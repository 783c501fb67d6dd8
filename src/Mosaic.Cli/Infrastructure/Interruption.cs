using System.Runtime.InteropServices;

namespace Mosaic.Cli.Infrastructure;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM while a command runs. Inside a <see cref="Cooperative"/> region (work that checks
/// <see cref="Token"/> at safe points, e.g. an import between batches) the first signal cancels the token: the
/// transaction rolls back, partial outputs are removed and the command exits with <see cref="ExitCodes.Cancelled"/>.
/// Elsewhere, or on a second signal, the process stops at once after deleting the partial outputs it tracks;
/// an open SQLite transaction is then rolled back by the database itself.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly HashSet<string> _partialFiles = [];
    private readonly TextWriter _error;
    private int _cooperative;

    /// <summary>Starts listening for SIGINT and SIGTERM.</summary>
    /// <param name="error">Where the "cancelling" notice is written.</param>
    public Interruption(TextWriter error)
    {
        _error = error;
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
            }
            catch (PlatformNotSupportedException)
            {
                // SIGTERM has no equivalent on some platforms; Ctrl-C still works there.
            }
        }
    }

    /// <summary>Cancelled by the first signal inside a cooperative region.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>Marks work that checks <see cref="Token"/>; dispose the result when the work ends.</summary>
    public IDisposable Cooperative()
    {
        Interlocked.Increment(ref _cooperative);
        return new Region(this);
    }

    /// <summary>Remembers a partial output to delete if the process is stopped before it is finished.</summary>
    public void Track(string path)
    {
        lock (_partialFiles)
            _partialFiles.Add(path);
    }

    /// <summary>Forgets a partial output (finished or already removed).</summary>
    public void Untrack(string path)
    {
        lock (_partialFiles)
            _partialFiles.Remove(path);
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
        _cancel.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Volatile.Read(ref _cooperative) > 0 && !_cancel.IsCancellationRequested)
        {
            context.Cancel = true;
            _error.WriteLine("cancelling … (press Ctrl-C again to stop at once)");
            _cancel.Cancel();
            return;
        }
        // Default handling follows: the process ends. Leave no partial output behind.
        lock (_partialFiles)
        {
            foreach (var path in _partialFiles)
            {
                try
                {
                    File.Delete(path);
                }
                catch (IOException)
                {
                    // The process is ending; a leftover .partial file is hidden and named as such.
                }
            }
        }
    }

    private sealed class Region(Interruption owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                Interlocked.Decrement(ref owner._cooperative);
        }
    }
}
