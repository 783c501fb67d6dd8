using System.Collections.Concurrent;

namespace Mosaic.Server.Infrastructure;

/// <summary>
/// Rendered tables of the registry's current version, by request. A table is a pure function of the registry and the
/// request (disclosure control included), so repeating a query costs a lookup; a new version (after an import, by
/// whichever process) empties it. The version is read before the table is counted, so a table counted while an import
/// committed is kept under the older version, which no later request asks for: an extra count, never a stale answer.
/// </summary>
internal sealed class TabulationCache
{
    private const int MaximumEntries = 1024;

    private readonly Lock _lock = new();
    private long? _version;
    private ConcurrentDictionary<string, RenderedTable> _tables = new(StringComparer.Ordinal);

    /// <summary>The table for a key at a registry version, rendered by <paramref name="render"/> on a miss.</summary>
    public RenderedTable GetOrAdd(long version, string key, Func<RenderedTable> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        ConcurrentDictionary<string, RenderedTable> tables;
        lock (_lock)
        {
            if (_version != version)
            {
                _version = version;
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
internal sealed record RenderedTable(byte[] Content, string ContentType, string? FileName);
