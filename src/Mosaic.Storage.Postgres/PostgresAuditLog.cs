using Mosaic.Core.Audit;
using Mosaic.Core.Storage;
using Mosaic.Storage.Postgres.Internal;
using Npgsql;

namespace Mosaic.Storage.Postgres;

/// <summary>
/// The audit log in table <c>audit_log</c>: triggers refuse UPDATE, DELETE and TRUNCATE from every role, and the
/// application role holds only SELECT and INSERT on it (migration 5). Every entry carries its
/// <see cref="AuditChain"/> hash (migration 7), computed inside the appending transaction while it holds the row of
/// <c>audit_log_counter</c>, so two writers never chain to the same entry and ids have no gaps.
/// </summary>
internal sealed class PostgresAuditLog(NpgsqlDataSource dataSource) : IAuditLog
{
    private const string Columns = "id, at, actor, role, action, subject, scope, households, persons, command_line";

    public async Task<long> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var id = await AppendAsync(connection, tx, entry, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>Appends inside an open transaction (the contact read's, so entry and read commit together).</summary>
    internal static async Task<long> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction tx, AuditEntry entry, CancellationToken cancellationToken)
    {
        // The counter row is the lock every appender queues on; it also keeps the highest id ever issued.
        var id = (long)(await connection.ScalarAsync("UPDATE audit_log_counter SET last_id = last_id + 1 RETURNING last_id", tx, cancellationToken)
            .ConfigureAwait(false))!;
        var previous = await connection.ScalarAsync("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", tx, cancellationToken).ConfigureAwait(false) as byte[];
        // timestamptz keeps microseconds: hash exactly what is read back.
        var at = entry.At.ToUniversalTime();
        var stored = entry with { Id = id, At = at.AddTicks(-(at.Ticks % TimeSpan.TicksPerMicrosecond)) };
        var hash = AuditChain.Hash(previous ?? AuditChain.Genesis.Span, stored);
        await connection.ExecuteAsync(
            $"INSERT INTO audit_log ({Columns}, hash) VALUES (@id, @at, @actor, @role, @action, @subject, @scope, @h, @p, @cmd, @hash)", tx, cancellationToken,
            ("id", id), ("at", stored.At), ("actor", stored.Actor), ("role", stored.Role), ("action", stored.Action),
            ("subject", stored.Subject), ("scope", stored.Scope), ("h", stored.Households), ("p", stored.Persons),
            ("cmd", stored.CommandLine), ("hash", hash)).ConfigureAwait(false);
        return id;
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(int? limit = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit ?? 0);
        var chain = await QueryAsync($"SELECT {Columns}, hash FROM audit_log ORDER BY id DESC LIMIT @n",
            limit is { } l ? (long)l : new TypedNull(NpgsqlTypes.NpgsqlDbType.Bigint), cancellationToken).ConfigureAwait(false);
        return [.. chain.Select(c => c.Entry)];
    }

    public async Task<IReadOnlyList<ChainedAuditEntry>> ReadChainAsync(CancellationToken cancellationToken = default) =>
        await QueryAsync($"SELECT {Columns}, hash FROM audit_log ORDER BY id LIMIT @n", new TypedNull(NpgsqlTypes.NpgsqlDbType.Bigint), cancellationToken)
            .ConfigureAwait(false);

    public async Task<AuditLogGuards> ReadGuardsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var missing = await AuditLogGuardsSql.MissingAsync(connection, cancellationToken).ConfigureAwait(false);
        var highest = (long)(await connection.ScalarAsync("SELECT last_id FROM audit_log_counter", null, cancellationToken).ConfigureAwait(false))!;
        return new AuditLogGuards(missing, highest);
    }

    private async Task<List<ChainedAuditEntry>> QueryAsync(string sql, object limit, CancellationToken cancellationToken)
    {
        var result = new List<ChainedAuditEntry>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command(sql, null, ("n", limit));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            result.Add(new ChainedAuditEntry(ReadEntry(r), r.IsDBNull(10) ? null : r.GetFieldValue<byte[]>(10)));
        return result;
    }

    /// <summary>An entry from columns <see cref="Columns"/>.</summary>
    internal static AuditEntry ReadEntry(NpgsqlDataReader r) =>
        new(r.GetInstant(1), r.GetString(2), r.GetString(4), r.GetString(5), r.GetNullableString(6), r.GetInt32(7), r.GetInt32(8), r.GetString(9))
        {
            Id = r.GetInt64(0),
            Role = r.GetNullableString(3),
        };
}
