using Mosaic.Core.Storage;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// Keeps one snapshot of a store and rebuilds it only when the store's <see cref="IRegistryStore.CurrentVersion"/>
/// has moved since it was built, so a long-running process (the API, the dashboard) answers every query from memory
/// and still shows an import's figures to the next request, whichever process imported. Thread-safe: the caller that
/// finds the snapshot stale builds the new one and waits for it; callers arriving while that build runs are answered
/// from the previous snapshot instead of queueing behind it (before the first build there is none, so they wait).
/// </summary>
public sealed class RegistrySnapshotCache
{
    private readonly Func<IMosaicStore, RegistrySnapshot> _load;
    private readonly Lock _build = new();
    private volatile Entry? _current;
    private int _builds;

    /// <summary>A cache that builds with <see cref="RegistrySnapshotLoader.Load"/>.</summary>
    public RegistrySnapshotCache()
        : this(RegistrySnapshotLoader.Load)
    {
    }

    /// <summary>A cache that builds its snapshots with <paramref name="load"/>.</summary>
    public RegistrySnapshotCache(Func<IMosaicStore, RegistrySnapshot> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        _load = load;
    }

    /// <summary>The store version the cached snapshot was built from, or null before the first build.</summary>
    public long? Version => _current?.Version;

    /// <summary>Number of snapshots built so far (for diagnostics and tests).</summary>
    public int Builds => Volatile.Read(ref _builds);

    /// <summary>
    /// The cached snapshot when it is current; otherwise a freshly built one, or the previous one while another
    /// caller is building.
    /// </summary>
    public RegistrySnapshot Get(IMosaicStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        // Read the version before building: a write that commits during the build then leaves the cache marked with
        // the older version, so the next call rebuilds again — an extra build, never a stale mark.
        var version = store.Registry.CurrentVersion();
        var current = _current;
        if (current is not null && current.Version == version)
            return current.Snapshot;
        if (current is not null)
        {
            if (!_build.TryEnter())
                return current.Snapshot;
        }
        else
        {
            _build.Enter();
        }
        try
        {
            current = _current;
            if (current is not null && current.Version == version)
                return current.Snapshot;
            var built = new Entry(_load(store), version);
            _current = built;
            Interlocked.Increment(ref _builds);
            return built.Snapshot;
        }
        finally
        {
            _build.Exit();
        }
    }

    /// <summary>Whether <see cref="Get"/> would rebuild now.</summary>
    public bool IsStale(IMosaicStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var version = store.Registry.CurrentVersion();
        return _current is not { } current || current.Version != version;
    }

    private sealed record Entry(RegistrySnapshot Snapshot, long Version);
}
