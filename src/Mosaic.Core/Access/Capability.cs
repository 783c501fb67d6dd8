namespace Mosaic.Core.Access;

/// <summary>One thing a role may do. <see cref="Roles.Allows"/> holds the table of which role has which.</summary>
public enum Capability
{
    /// <summary>Areas, indicators, tabulations (perturbed for open queries) and mobility summaries.</summary>
    ReadAggregates,

    /// <summary>Tables downloaded as CSV, HXL, XLSX or GeoJSON.</summary>
    ExportTables,

    /// <summary>Scoring-run summaries (no household rows).</summary>
    ReadScoring,

    /// <summary>Ranked target lists (household codes, areas, scores, explanations; no names or phones).</summary>
    RunTargeting,

    /// <summary>Names, phones and GPS points, only through the audited door.</summary>
    ReadPersonalData,

    /// <summary>Uploading files to import and reading their reports.</summary>
    Import,

    /// <summary>Accounts, roles, scopes and tokens.</summary>
    ManageUsers,

    /// <summary>The personal-data audit log.</summary>
    ReadAuditLog,
}
