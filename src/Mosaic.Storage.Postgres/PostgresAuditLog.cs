using Mosaic.Core.Audit;
using Mosaic.Core.Storage;
using Mosaic.Storage.Postgres.Internal;
using Npgsql;

namespace Mosaic.Storage.Postgres;

/// <summary>
/// The audit log in table <c>audit_log</c>: triggers refuse UPDATE, DELETE and TRUNCATE from every role, and the
/// application role holds only SELECT and INSERT on it (migration 5).
/// </summary>
internal sealed class PostgresAuditLog(NpgsqlDataSource dataSource) : IAuditLog
{
    public long Append(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var connection = dataSource.OpenConnection();
        return (long)connection.Scalar(
            "INSERT INTO audit_log (at, actor, action, subject, scope, households, persons, command_line) " +
            "VALUES (@at, @actor, @action, @subject, @scope, @h, @p, @cmd) RETURNING id", null,
            ("at", entry.At.ToUniversalTime()), ("actor", entry.Actor), ("action", entry.Action), ("subject", entry.Subject),
            ("scope", entry.Scope), ("h", entry.Households), ("p", entry.Persons), ("cmd", entry.CommandLine))!;
    }

    public IReadOnlyList<AuditEntry> Read(int? limit = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit ?? 0);
        var result = new List<AuditEntry>();
        using var connection = dataSource.OpenConnection();
        using var cmd = connection.Command(
            "SELECT id, at, actor, action, subject, scope, households, persons, command_line FROM audit_log ORDER BY id DESC LIMIT @n", null,
            ("n", limit is { } l ? (long)l : (object?)new TypedNull(NpgsqlTypes.NpgsqlDbType.Bigint)));
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            result.Add(new AuditEntry(r.GetInstant(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetNullableString(5),
                r.GetInt32(6), r.GetInt32(7), r.GetString(8))
            {
                Id = r.GetInt64(0),
            });
        }
        return result;
    }
}
