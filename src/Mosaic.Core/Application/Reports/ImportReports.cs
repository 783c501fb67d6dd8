using Mosaic.Core.Import;

namespace Mosaic.Core.Application.Reports;

/// <summary>What <c>mosaic import areas</c> reports (<c>--json</c>).</summary>
public sealed record AreaImportReport
{
    public required string File { get; init; }
    public required bool Committed { get; init; }
    public required long AreasInserted { get; init; }
    public required long AreasUpdated { get; init; }
    public required long AreasUnchanged { get; init; }
    public required long RowsRejected { get; init; }
    public required long Warnings { get; init; }
    /// <summary>The report of rejected rows (and warnings), when rows were rejected or <c>--errors</c> named it.</summary>
    public required string? ErrorsFile { get; init; }
    /// <summary>The report written beside the input when the import only warned.</summary>
    public required string? WarningsFile { get; init; }
    public required long AreasTotal { get; init; }
}

/// <summary>What <c>mosaic import dtm</c> reports (<c>--json</c>).</summary>
public sealed record DtmImportReport
{
    public required string File { get; init; }
    /// <summary>The layout read: DTM API JSON, DTM HXL CSV or HDX HAPI CSV.</summary>
    public required string Format { get; init; }
    public required bool Committed { get; init; }
    public required long RecordsRead { get; init; }
    public required long Inserted { get; init; }
    public required long Updated { get; init; }
    public required long Unchanged { get; init; }
    public required long RecordsRejected { get; init; }
    public required long Warnings { get; init; }
    public required string? ErrorsFile { get; init; }
    public required string? WarningsFile { get; init; }
    public required long AssessmentsTotal { get; init; }
}

/// <summary>What <c>mosaic import flows</c> reports (<c>--json</c>).</summary>
public sealed record FlowImportReport
{
    public required string File { get; init; }
    public required bool Committed { get; init; }
    public required long Points { get; init; }
    public required long PointsAdded { get; init; }
    public required long PointsChanged { get; init; }
    public required long PointsUnchanged { get; init; }
    public required long ObservationsRead { get; init; }
    public required long Inserted { get; init; }
    public required long Updated { get; init; }
    public required long Unchanged { get; init; }
    public required long RowsRejected { get; init; }
    public required long Warnings { get; init; }
    public required string? ErrorsFile { get; init; }
    public required string? WarningsFile { get; init; }
    public required long ObservationsTotal { get; init; }
}

/// <summary>What <c>mosaic import hazards</c> reports (<c>--json</c>).</summary>
public sealed record HazardImportReport
{
    public required string File { get; init; }
    /// <summary>The hazard type code (flood, erosion, …).</summary>
    public required string Type { get; init; }
    public required string Layer { get; init; }
    public required bool Committed { get; init; }
    /// <summary>Whether a stored layer of that name was replaced.</summary>
    public required bool Replaced { get; init; }
    public required long Polygons { get; init; }
    public required long Repaired { get; init; }
    public required long FeaturesRejected { get; init; }
    public required string? ErrorsFile { get; init; }
}

/// <summary>What <c>mosaic import registrations</c> reports (<c>--json</c>).</summary>
public sealed record RegistrationImportReport
{
    public required string File { get; init; }
    public required string? MembersFile { get; init; }
    public required bool Committed { get; init; }
    public required long HouseholdsImported { get; init; }
    public required long PersonsImported { get; init; }
    public required long HouseholdsValid { get; init; }
    public required long HouseholdsRejected { get; init; }
    /// <summary>Submissions without consent: counted, never stored.</summary>
    public required long HouseholdsDeclined { get; init; }
    public required long RowsRejected { get; init; }
    public required long DuplicatesSkipped { get; init; }
    public required long Conflicts { get; init; }
    public required long Issues { get; init; }
    /// <summary>Warnings (a GPS point outside its area): reported, never a reason to reject a row.</summary>
    public required long Warnings { get; init; }
    public required string? ErrorsFile { get; init; }
    public required string? WarningsFile { get; init; }
    public required long HouseholdRowsRead { get; init; }
    public required long MemberRowsRead { get; init; }
    public required long HouseholdsTotal { get; init; }
    public required long PersonsTotal { get; init; }
}

/// <summary>
/// What an import did, the same counts for every kind of file. <paramref name="Declined"/> counts registrations whose
/// respondent answered consent "no" (never stored, not an error), as <c>mosaic import registrations</c> reports them;
/// 0 for other kinds.
/// </summary>
/// <param name="Imported">Records inserted or updated.</param>
/// <param name="Unchanged">Records already stored as they are (duplicates skipped).</param>
/// <param name="Rejected">Records refused.</param>
/// <param name="Declined">Registrations whose respondent declined consent.</param>
public sealed record ImportSummary(long Imported, long Unchanged, long Rejected, long Declined = 0);

/// <summary>An import run by the server as a job (upload, progress, outcome), as the HTTP API shows it.</summary>
/// <param name="Id">The job's id.</param>
/// <param name="Kind">What was imported: <c>registrations</c>, <c>dtm</c>, <c>flows</c> or <c>areas</c>.</param>
/// <param name="FileName">The uploaded file's name, as the user named it.</param>
/// <param name="UserName">Who uploaded it.</param>
/// <param name="StartedAt">When the job started.</param>
/// <param name="State">queued, running, succeeded, rejected or failed.</param>
/// <param name="Progress">Share of the file read (0–1).</param>
/// <param name="Message">Why it failed, when it did.</param>
/// <param name="Summary">Its counts, once finished.</param>
/// <param name="IssuesCount">Problems found in all.</param>
/// <param name="Issues">The first of them.</param>
public sealed record ImportJobReport(
    string Id, string Kind, string FileName, string UserName, DateTimeOffset StartedAt, string State, double Progress, string? Message,
    ImportSummary? Summary, int IssuesCount, IReadOnlyList<ImportIssue> Issues);
