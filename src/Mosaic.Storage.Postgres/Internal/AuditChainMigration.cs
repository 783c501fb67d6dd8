using Mosaic.Core.Audit;
using Npgsql;

namespace Mosaic.Storage.Postgres.Internal;

/// <summary>
/// The part of migration 7 that SQL cannot do: chain the entries written before it, in id order, with Core's
/// <see cref="AuditChain"/>. The refusing trigger is switched off for this one transaction (only the owner, who
/// runs migrations, may do that).
/// </summary>
internal static class AuditChainMigration
{
    public const int Version = 7;

    public static async Task RunAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        await using (var cmd = connection.Command(
            "SELECT id, at, actor, role, action, subject, scope, households, persons, command_line FROM audit_log ORDER BY id", tx))
        await using (var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                entries.Add(PostgresAuditLog.ReadEntry(r));
        }
        if (entries.Count == 0)
            return;
        await connection.ExecuteAsync("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update", tx, cancellationToken).ConfigureAwait(false);
        var previous = AuditChain.Genesis.ToArray();
        foreach (var entry in entries)
        {
            previous = AuditChain.Hash(previous, entry);
            await connection.ExecuteAsync("UPDATE audit_log SET hash = @hash WHERE id = @id", tx, cancellationToken, ("hash", previous), ("id", entry.Id))
                .ConfigureAwait(false);
        }
        await connection.ExecuteAsync("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update", tx, cancellationToken).ConfigureAwait(false);
    }
}
