using Mosaic.Core.Storage;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// Keeps one snapshot of a store and rebuilds it only when the store's <see cref="IRegistryStore.CurrentVersion"/>
/// has moved since it was built, so a long-running process (the API, the dashboard) answers every query from memory
/// and still never serves a stale table after an import, whichever process made it. Thread-safe; concurrent callers
/// that find it stale wait for one rebuild.
/// </summary>
public sealed class RegistrySnapshotCache
{
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
    public RegistrySnapshot Get(IMosaicStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        // Read the version before taking the lock (requests answered from a current snapshot never queue behind one
        // another's database read) and before building: a write that commits during the build then leaves the cache
        // marked with the older version, so the next call rebuilds again — an extra build, never a stale answer.
        var version = store.Registry.CurrentVersion();
        lock (_lock)
        {
            if (_snapshot is not null && version == _version)
                return _snapshot;
            _snapshot = RegistrySnapshotLoader.Load(store);
            _version = version;
            Builds++;
            return _snapshot;
        }
    }

    /// <summary>Whether <see cref="Get"/> would rebuild now.</summary>
    public bool IsStale(IMosaicStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var version = store.Registry.CurrentVersion();
        lock (_lock)
            return _snapshot is null || version != _version;
    }
}
