namespace Mosaic.Core.Access;

/// <summary>What a user may do (DESIGN §7). Stored and shown by its wire code (<see cref="Roles.Code"/>).</summary>
public enum Role
{
    /// <summary>Everything, including users and the audit log.</summary>
    Admin,

    /// <summary>Runs imports, scoring and target lists; reads personal data within scope, audited.</summary>
    Manager,

    /// <summary>Tables, exports of tables and mobility figures; never personal data.</summary>
    Analyst,

    /// <summary>Uploads registrations and reads their import reports; never personal data.</summary>
    Enumerator,

    /// <summary>Tables and maps only.</summary>
    Viewer,
}
