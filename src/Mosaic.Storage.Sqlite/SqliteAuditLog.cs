using System.Globalization;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Audit;
using Mosaic.Core.Storage;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite;

/// <summary>
/// The audit log in table <c>audit_log</c>: triggers abort any UPDATE or DELETE, and every entry carries its
/// <see cref="AuditChain"/> hash, computed inside the appending transaction (which holds SQLite's write lock, so
/// two writers cannot chain to the same entry).
/// </summary>
internal sealed class SqliteAuditLog(SqliteConnection connection) : IAuditLog
{
    // SQLite runs in-process: each call does its work on the caller's thread and returns a completed task, after
    // checking the token (a cancelled write is never begun, so it commits nothing).

    public Task<long> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<long>(Append(entry));
    }

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(int? limit = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<AuditEntry>>(Read(limit));
    }

    public Task<IReadOnlyList<ChainedAuditEntry>> ReadChainAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<ChainedAuditEntry>>(ReadChain());
    }

    public Task<AuditLogGuards> ReadGuardsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<AuditLogGuards>(ReadGuards());
    }

    /// <summary>The triggers migration 7 creates; <c>mosaic audit verify</c> reports any that is gone.</summary>
    private static readonly string[] s_guards = ["audit_log_no_update", "audit_log_no_delete", "audit_log_no_replace"];

    private const string Columns = "id, at, actor, role, action, subject, scope, households, persons, command_line";

    private long Append(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var tx = connection.BeginTransaction();
        var id = Append(connection, tx, entry);
        tx.Commit();
        return id;
    }

    /// <summary>Appends inside an open write transaction (the contact read's, so entry and read commit together).</summary>
    internal static long Append(SqliteConnection connection, SqliteTransaction tx, AuditEntry entry)
    {
        var id = 1 + Convert.ToInt64(connection.ExecuteScalar(
            "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), 0)", tx), CultureInfo.InvariantCulture);
        var previous = connection.ExecuteScalar("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", tx) as byte[];
        // Stored as written, so the hash is computed over exactly what is read back.
        var stored = entry with { Id = id, At = entry.At.ToUniversalTime() };
        var hash = AuditChain.Hash(previous ?? AuditChain.Genesis.Span, stored);
        connection.Execute(
            $"INSERT INTO audit_log ({Columns}, hash) VALUES ($id, $at, $actor, $role, $action, $subject, $scope, $h, $p, $cmd, $hash)", tx,
            ("$id", id), ("$at", Time(stored.At)), ("$actor", stored.Actor), ("$role", stored.Role), ("$action", stored.Action),
            ("$subject", stored.Subject), ("$scope", stored.Scope), ("$h", stored.Households), ("$p", stored.Persons),
            ("$cmd", stored.CommandLine), ("$hash", hash));
        return id;
    }

    private IReadOnlyList<AuditEntry> Read(int? limit = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit ?? 0);
        return [.. Query($"SELECT {Columns}, hash FROM audit_log ORDER BY id DESC LIMIT $n", limit ?? -1).Select(c => c.Entry)];
    }

    private List<ChainedAuditEntry> ReadChain() => Query($"SELECT {Columns}, hash FROM audit_log ORDER BY id", -1);

    private AuditLogGuards ReadGuards()
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        using (var cmd = connection.CreateCommand("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'", null))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
                present.Add(r.GetString(0));
        }
        var highest = Convert.ToInt64(connection.ExecuteScalar(
            "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), 0)", null), CultureInfo.InvariantCulture);
        return new AuditLogGuards([.. s_guards.Where(g => !present.Contains(g)).Select(g => $"trigger {g}")], highest);
    }

    private List<ChainedAuditEntry> Query(string sql, int limit)
    {
        var result = new List<ChainedAuditEntry>();
        using var cmd = connection.CreateCommand(sql, null, ("$n", limit));
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var entry = new AuditEntry(
                DateTimeOffset.Parse(r.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                r.GetString(2), r.GetString(4), r.GetString(5), r.GetNullableString(6), r.GetInt32(7), r.GetInt32(8), r.GetString(9))
            {
                Id = r.GetInt64(0),
                Role = r.GetNullableString(3),
            };
            result.Add(new ChainedAuditEntry(entry, r.IsDBNull(10) ? null : (byte[])r.GetValue(10)));
        }
        return result;
    }

    internal static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
