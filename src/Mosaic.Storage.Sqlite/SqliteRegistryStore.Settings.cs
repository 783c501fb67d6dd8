using Mosaic.Core.Storage;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite;

/// <summary>The database's settings in table <c>setting</c> (migration 15).</summary>
internal sealed partial class SqliteRegistryStore : IDatabaseSettings
{
    // As the publication log: the work runs on the caller's thread and returns a completed task, after checking the token.

    public Task<string?> ReadSettingAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        using var command = connection.CreateCommand("SELECT value FROM setting WHERE name = $name", null, ("$name", name));
        return Task.FromResult(command.ExecuteScalar() as string);
    }

    public Task WriteSettingAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        cancellationToken.ThrowIfCancellationRequested();
        connection.Execute("INSERT INTO setting (name, value, set_at) VALUES ($name, $value, $at) ON CONFLICT (name) DO UPDATE SET value = excluded.value, set_at = excluded.set_at",
            null, ("$name", name), ("$value", value), ("$at", SqliteAuditLog.Time(DateTimeOffset.UtcNow)));
        return Task.CompletedTask;
    }
}
