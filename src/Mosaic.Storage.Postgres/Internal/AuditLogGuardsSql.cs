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

    public static async Task<List<string>> MissingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var enabled = new HashSet<string>(StringComparer.Ordinal);
        await using (var cmd = connection.Command(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal AND tgenabled <> 'D'", null))
        await using (var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                enabled.Add(r.GetString(0));
        }
        var missing = s_triggers.Where(t => !enabled.Contains(t)).Select(t => $"trigger {t}").ToList();
        if (await connection.ScalarAsync("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = @r)", null, cancellationToken,
            ("r", PostgresSchema.ApplicationRole)).ConfigureAwait(false) is true)
        {
            foreach (var privilege in s_refusedPrivileges)
            {
                if (await connection.ScalarAsync("SELECT has_table_privilege(@r, 'audit_log', @p)", null, cancellationToken,
                    ("r", PostgresSchema.ApplicationRole), ("p", privilege)).ConfigureAwait(false) is true)
                {
                    missing.Add($"the refusal of {privilege} on audit_log to {PostgresSchema.ApplicationRole}");
                }
            }
        }
        return missing;
    }
}
