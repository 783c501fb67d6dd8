using Npgsql;

namespace Mosaic.Storage.Postgres.Internal;

/// <summary>
/// The database-level protections of the audit log that <c>mosaic audit verify</c> checks are still in place: the
/// refusing triggers (present and enabled) and, when the application role exists, that it cannot change or remove
/// entries.
/// </summary>
internal static class AuditLogGuardsSql
{
    private static readonly string[] s_triggers = ["audit_log_no_update", "audit_log_no_truncate"];

    private static readonly string[] s_refusedPrivileges = ["UPDATE", "DELETE", "TRUNCATE"];

    public static List<string> Missing(NpgsqlConnection connection)
    {
        var enabled = new HashSet<string>(StringComparer.Ordinal);
        using (var cmd = connection.Command(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal AND tgenabled <> 'D'", null))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
                enabled.Add(r.GetString(0));
        }
        var missing = s_triggers.Where(t => !enabled.Contains(t)).Select(t => $"trigger {t}").ToList();
        if (connection.Scalar("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = @r)", null, ("r", PostgresSchema.ApplicationRole)) is true)
        {
            foreach (var privilege in s_refusedPrivileges)
            {
                if (connection.Scalar("SELECT has_table_privilege(@r, 'audit_log', @p)", null,
                    ("r", PostgresSchema.ApplicationRole), ("p", privilege)) is true)
                {
                    missing.Add($"the refusal of {privilege} on audit_log to {PostgresSchema.ApplicationRole}");
                }
            }
        }
        return missing;
    }
}
