using System.Globalization;
using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite;

/// <summary>The publication log in table <c>publication_log</c> (migration 14; triggers abort any UPDATE or DELETE).</summary>
internal sealed partial class SqliteRegistryStore : IPublicationLog
{
    // SQLite runs in-process: each call does its work on the caller's thread and returns a completed task, after
    // checking the token (a cancelled write is never begun, so it commits nothing).

    public Task<IReadOnlyList<LoggedTable>> ReadPublicationsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<LoggedTable>>(ReadPublications());
    }

    public Task LogPublicationsAsync(IReadOnlyList<LoggedTable> tables, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        LogPublications(tables);
        return Task.CompletedTask;
    }

    private List<LoggedTable> ReadPublications()
    {
        var tables = new List<LoggedTable>();
        using var command = connection.CreateCommand("SELECT published_at, indicator, definition, cells FROM publication_log ORDER BY id", null);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var at = DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            tables.Add(new LoggedTable(at, reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }
        return tables;
    }

    private void LogPublications(IReadOnlyList<LoggedTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        using var tx = connection.BeginTransaction();
        foreach (var table in tables)
        {
            connection.Execute("INSERT INTO publication_log (published_at, indicator, definition, cells) VALUES ($at, $indicator, $definition, $cells)", tx,
                ("$at", SqliteAuditLog.Time(table.PublishedAt)), ("$indicator", table.Indicator), ("$definition", table.Definition), ("$cells", table.Cells));
        }
        tx.Commit();
    }
}
