namespace Mosaic.Core.Audit;

/// <summary>The action codes written to the audit log (stable: reports and reviews filter on them).</summary>
internal static class AuditActions
{
    /// <summary>A target list written with the head's name and phone (<c>mosaic target --include-contacts</c>).</summary>
    public const string TargetExportContacts = "target.export_contacts";

    /// <summary>Registrations with the head's name and phone read through the server (<c>GET /api/registrations</c>).</summary>
    public const string RegistrationsRead = "registrations.read";
}
