using System.Globalization;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Audit;
using Mosaic.Core.Storage;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite;

/// <summary>The audit log in table <c>audit_log</c>, whose triggers abort any UPDATE or DELETE.</summary>
internal sealed class SqliteAuditLog(SqliteConnection connection) : IAuditLog
{
    public long Append(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (long)connection.ExecuteScalar(
            "INSERT INTO audit_log (at, actor, action, subject, scope, households, persons, command_line) " +
            "VALUES ($at, $actor, $action, $subject, $scope, $h, $p, $cmd) RETURNING id", null,
            ("$at", entry.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)), ("$actor", entry.Actor), ("$action", entry.Action),
            ("$subject", entry.Subject), ("$scope", entry.Scope), ("$h", entry.Households), ("$p", entry.Persons), ("$cmd", entry.CommandLine))!;
    }

    public IReadOnlyList<AuditEntry> Read(int? limit = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit ?? 0);
        var result = new List<AuditEntry>();
        using var cmd = connection.CreateCommand(
            "SELECT id, at, actor, action, subject, scope, households, persons, command_line FROM audit_log ORDER BY id DESC LIMIT $n", null,
            ("$n", limit ?? -1));
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            result.Add(new AuditEntry(
                DateTimeOffset.Parse(r.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                r.GetString(2), r.GetString(3), r.GetString(4), r.GetNullableString(5), r.GetInt32(6), r.GetInt32(7), r.GetString(8))
            {
                Id = r.GetInt64(0),
            });
        }
        return result;
    }
}
