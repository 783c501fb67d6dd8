using System.Collections.Concurrent;
using Mosaic.Core.Tabulation;

namespace Mosaic.Server.Infrastructure;

/// <summary>
/// Rendered tables of the current snapshot, by request. A table is a pure function of the snapshot and the request
/// (disclosure control included), so repeating a query costs a lookup; a new snapshot (after an import) empties it.
/// </summary>
public sealed class TabulationCache
{
    private const int MaximumEntries = 1024;

    private readonly Lock _lock = new();
    private RegistrySnapshot? _snapshot;
    private ConcurrentDictionary<string, RenderedTable> _tables = new(StringComparer.Ordinal);

    /// <summary>The table for a key, rendered by <paramref name="render"/> on a miss.</summary>
    public RenderedTable GetOrAdd(RegistrySnapshot snapshot, string key, Func<RenderedTable> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        ConcurrentDictionary<string, RenderedTable> tables;
        lock (_lock)
        {
            if (!ReferenceEquals(snapshot, _snapshot))
            {
                _snapshot = snapshot;
                _tables = new ConcurrentDictionary<string, RenderedTable>(StringComparer.Ordinal);
            }
            tables = _tables;
        }
        if (tables.TryGetValue(key, out var table))
            return table;
        table = render();
        if (tables.Count < MaximumEntries)
            tables.TryAdd(key, table);
        return table;
    }
}

/// <summary>A table rendered in one format.</summary>
public sealed record RenderedTable(byte[] Content, string ContentType, string? FileName);
