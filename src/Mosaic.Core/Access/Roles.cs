namespace Mosaic.Core.Access;

/// <summary>Wire codes of <see cref="Role"/> and the table of what each role may do.</summary>
public static class Roles
{
    /// <summary>Every role, most powerful first.</summary>
    public static IReadOnlyList<Role> All { get; } = [Role.Admin, Role.Manager, Role.Analyst, Role.Enumerator, Role.Viewer];

    /// <summary>The stored and displayed code: <c>admin</c>, <c>manager</c>, <c>analyst</c>, <c>enumerator</c>, <c>viewer</c>.</summary>
    public static string Code(Role role) => role switch
    {
        Role.Admin => "admin",
        Role.Manager => "manager",
        Role.Analyst => "analyst",
        Role.Enumerator => "enumerator",
        Role.Viewer => "viewer",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>Parses a role code (case-insensitive); false for anything else.</summary>
    public static bool TryParse(string? code, out Role role)
    {
        foreach (var r in All)
        {
            if (string.Equals(Code(r), code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                role = r;
                return true;
            }
        }
        role = default;
        return false;
    }

    /// <summary>
    /// Whether the role has the capability. Personal data is for admins and managers only (DESIGN §7); analysts and
    /// viewers see aggregates; enumerators bring data in.
    /// </summary>
    public static bool Allows(Role role, Capability capability) => capability switch
    {
        Capability.ReadAggregates => true,
        Capability.ExportTables => role is Role.Admin or Role.Manager or Role.Analyst,
        Capability.ReadScoring => role is Role.Admin or Role.Manager or Role.Analyst,
        Capability.RunTargeting => role is Role.Admin or Role.Manager,
        Capability.ReadPersonalData => role is Role.Admin or Role.Manager,
        Capability.Import => role is Role.Admin or Role.Manager or Role.Enumerator,
        Capability.ManageUsers => role is Role.Admin,
        Capability.ReadAuditLog => role is Role.Admin,
        _ => false,
    };
}
