using Mosaic.Core.Storage;
using Mosaic.Storage.Postgres.Internal;

namespace Mosaic.Storage.Postgres;

/// <summary>The database's settings in table <c>setting</c> (migration 9).</summary>
internal sealed partial class PostgresRegistryStore : IDatabaseSettings
{
    public async Task<string?> ReadSettingAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("SELECT value FROM setting WHERE name = @name", null, ("name", name));
        return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task WriteSettingAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "INSERT INTO setting (name, value, set_at) VALUES (@name, @value, now()) ON CONFLICT (name) DO UPDATE SET value = excluded.value, set_at = excluded.set_at",
            null, cancellationToken, ("name", name), ("value", value)).ConfigureAwait(false);
    }
}
