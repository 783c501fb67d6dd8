using Microsoft.Data.Sqlite;
using Mosaic.Core.Audit;

namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>
/// The part of migration 11 that SQL cannot do: add the audit log's <c>role</c> and <c>hash</c> columns (when a
/// rewound test database already has them), chain the existing entries in id order, and re-create the trigger
/// that refuses UPDATE.
/// </summary>
internal static class AuditChainMigration
{
    public const int Version = 11;

    public static void Run(SqliteConnection connection, SqliteTransaction tx)
    {
        var columns = new HashSet<string>(StringComparer.Ordinal);
        using (var cmd = connection.CreateCommand("SELECT name FROM pragma_table_info('audit_log')", tx))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
                columns.Add(r.GetString(0));
        }
        if (!columns.Contains("role"))
            connection.Execute("ALTER TABLE audit_log ADD COLUMN role TEXT", tx);
        if (!columns.Contains("hash"))
            connection.Execute("ALTER TABLE audit_log ADD COLUMN hash BLOB", tx);

        var entries = new List<AuditEntry>();
        using (var cmd = connection.CreateCommand(
            "SELECT id, at, actor, role, action, subject, scope, households, persons, command_line FROM audit_log ORDER BY id", tx))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                entries.Add(new AuditEntry(
                    DateTimeOffset.Parse(r.GetString(1), System.Globalization.CultureInfo.InvariantCulture,
                        System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal),
                    r.GetString(2), r.GetString(4), r.GetString(5), r.GetNullableString(6), r.GetInt32(7), r.GetInt32(8), r.GetString(9))
                {
                    Id = r.GetInt64(0),
                    Role = r.GetNullableString(3),
                });
            }
        }
        var previous = AuditChain.Genesis.ToArray();
        foreach (var entry in entries)
        {
            previous = AuditChain.Hash(previous, entry);
            connection.Execute("UPDATE audit_log SET hash = $hash WHERE id = $id", tx, ("$hash", previous), ("$id", entry.Id));
        }
        connection.Execute("""
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN
                SELECT RAISE(ABORT, 'audit log is append-only');
            END;
            """, tx);
    }
}
