using Mosaic.Core.Storage;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// Keeps one snapshot of a store and rebuilds it only when the store's <see cref="IRegistryStore.CurrentVersionAsync"/>
/// has moved since it was built, so a long-running process (the API, the dashboard) answers every query from memory
/// and still never serves a stale table after an import, whichever process made it. Thread-safe; concurrent callers
/// that find it stale wait for one rebuild.
/// </summary>
public sealed class RegistrySnapshotCache : IDisposable
{
    // Held across the (asynchronous) rebuild, so callers that find the snapshot stale wait for one build.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _lock = new();
    private RegistrySnapshot? _snapshot;
    private long _version;

    /// <summary>The store version the cached snapshot was built from, or null before the first build.</summary>
    public long? Version
    {
        get
        {
            lock (_lock)
                return _snapshot is null ? null : _version;
        }
    }

    /// <summary>Number of snapshots built so far (for diagnostics and tests).</summary>
    public int Builds { get; private set; }

    /// <summary>The cached snapshot when it is current, otherwise a freshly built one.</summary>
    /// <param name="store">The caller's unit of work.</param>
    /// <param name="cancellationToken">Stops the wait for another caller's rebuild, and this caller's reads.</param>
    public async Task<RegistrySnapshot> GetAsync(IMosaicStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        // Read the version before taking the lock (requests answered from a current snapshot never queue behind one
        // another's database read) and before building: a write that commits during the build then leaves the cache
        // marked with the older version, so the next call rebuilds again — an extra build, never a stale answer.
        var version = await store.Registry.CurrentVersionAsync(cancellationToken);
        lock (_lock)
        {
            if (_snapshot is not null && version == _version)
                return _snapshot;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            lock (_lock)
            {
                // Another caller may have rebuilt it while this one waited.
                if (_snapshot is not null && version == _version)
                    return _snapshot;
            }
            var snapshot = await RegistrySnapshotLoader.LoadAsync(store, cancellationToken);
            lock (_lock)
            {
                _snapshot = snapshot;
                _version = version;
                Builds++;
                return snapshot;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Whether <see cref="GetAsync"/> would rebuild now.</summary>
    /// <param name="store">The caller's unit of work.</param>
    /// <param name="cancellationToken">Stops the version read.</param>
    public async Task<bool> IsStaleAsync(IMosaicStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var version = await store.Registry.CurrentVersionAsync(cancellationToken);
        lock (_lock)
            return _snapshot is null || version != _version;
    }

    /// <summary>Releases the rebuild gate.</summary>
    public void Dispose() => _gate.Dispose();
}
