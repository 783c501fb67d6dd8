namespace Mosaic.Core.Audit;

/// <summary>
/// One record of a read or export of personal data (DESIGN §7). Entries are only ever appended: the store
/// refuses to change or delete them.
/// </summary>
/// <param name="At">When it happened (UTC).</param>
/// <param name="Actor">Who did it: the operating-system user name until Mosaic has users and roles.</param>
/// <param name="Action">What was done, e.g. <see cref="AuditActions.TargetExportContacts"/>.</param>
/// <param name="Subject">What the data went to, e.g. the output file's full path.</param>
/// <param name="Scope">P-code of the area the data was restricted to, or null for every area.</param>
/// <param name="Households">Households whose personal data was written.</param>
/// <param name="Persons">Persons whose personal data (name, phone, …) was written.</param>
/// <param name="CommandLine">The command as typed, with secrets (passwords in connection strings) masked.</param>
public sealed record AuditEntry(
    DateTimeOffset At, string Actor, string Action, string Subject, string? Scope, int Households, int Persons, string CommandLine)
{
    /// <summary>The store's id (increasing with time); 0 for an entry not yet appended.</summary>
    public long Id { get; init; }

    /// <summary>The actor's role code (<c>admin</c>, <c>manager</c>, …), or null for entries from before roles were recorded.</summary>
    public string? Role { get; init; }
}
