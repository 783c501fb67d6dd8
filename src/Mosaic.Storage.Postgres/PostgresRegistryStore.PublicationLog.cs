using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Postgres.Internal;

namespace Mosaic.Storage.Postgres;

/// <summary>
/// The publication log in table <c>publication_log</c> (migration 8): triggers refuse UPDATE, DELETE and TRUNCATE
/// from every role, and the application role holds only SELECT and INSERT on it.
/// </summary>
internal sealed partial class PostgresRegistryStore : IPublicationLog
{
    public async Task<IReadOnlyList<LoggedTable>> ReadPublicationsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("SELECT published_at, indicator, definition, cells FROM publication_log ORDER BY id", null);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var tables = new List<LoggedTable>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            tables.Add(new LoggedTable(reader.GetInstant(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        return tables;
    }

    public async Task LogPublicationsAsync(IReadOnlyList<LoggedTable> tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var table in tables)
        {
            await connection.ExecuteAsync("INSERT INTO publication_log (published_at, indicator, definition, cells) VALUES (@at, @indicator, @definition, @cells)",
                tx, cancellationToken, ("at", table.PublishedAt.ToUniversalTime()), ("indicator", table.Indicator), ("definition", table.Definition),
                ("cells", table.Cells)).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
