using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>
/// Lowers the connection's page cache while bulk bytes stream through it once (the snapshot image read into its
/// columns, a scoring run's columns written), then restores it: pages used once need no cache, and a 64 MiB cache
/// filled by them is memory the process holds for nothing (it made a command's peak grow with the registry).
/// </summary>
internal readonly struct PageCacheLimit : IDisposable
{
    /// <summary>The cache while streaming: 4 MiB (SQLite's cache_size in KiB when negative).</summary>
    private const long StreamingKib = 4096;

    private readonly SqliteConnection? _connection;
    private readonly long _previous;

    private PageCacheLimit(SqliteConnection connection, long previous)
    {
        _connection = connection;
        _previous = previous;
    }

    public static PageCacheLimit Lower(SqliteConnection connection)
    {
        var previous = Convert.ToInt64(connection.ExecuteScalar("PRAGMA cache_size"), CultureInfo.InvariantCulture);
        connection.Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = {-StreamingKib}"));
        return new PageCacheLimit(connection, previous);
    }

    public void Dispose()
    {
        if (_connection is { State: System.Data.ConnectionState.Open } connection)
            connection.Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = {_previous}"));
    }
}
