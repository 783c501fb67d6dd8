using Mosaic.Core.Registry;

namespace Mosaic.Core.Privacy;

/// <summary>Wire codes of <see cref="Role"/> and which roles may read personal data.</summary>
public static class Roles
{
    /// <summary>The codes (<c>admin</c>, <c>manager</c>, …) as stored in the audit log.</summary>
    public static CodeList<Role> Codes { get; } = new(
        (Role.Admin, "admin"), (Role.Manager, "manager"), (Role.Analyst, "analyst"), (Role.Enumerator, "enumerator"), (Role.Viewer, "viewer"));

    /// <summary>Whether a role may read names, phones and exact locations (within its area scope).</summary>
    public static bool ReadsPersonalData(this Role role) => role is Role.Admin or Role.Manager or Role.Enumerator;
}
