using Mosaic.Core.Import;

namespace Mosaic.Core.Application.Reports;

/// <summary>What <c>mosaic import areas</c> reports (<c>--json</c>).</summary>
public sealed record AreaImportReport
{
    /// <summary>The input file, as given.</summary>
    public required string File { get; init; }
    /// <summary>Whether anything was stored: false when rows were rejected and invalid rows were not to be
    /// skipped.</summary>
    public required bool Committed { get; init; }
    /// <summary>Areas new to the area table.</summary>
    public required long AreasInserted { get; init; }
    /// <summary>Stored areas the file changed (a rename, a move to another parent, …).</summary>
    public required long AreasUpdated { get; init; }
    /// <summary>Stored areas the file repeated as they were.</summary>
    public required long AreasUnchanged { get; init; }
    /// <summary>Rows rejected, each listed in the errors file.</summary>
    public required long RowsRejected { get; init; }
    /// <summary>Warnings (renames, moves, ISO2 country codes): reported, never a reason to reject a row.</summary>
    public required long Warnings { get; init; }
    /// <summary>The report of rejected rows (and warnings), when rows were rejected or <c>--errors</c> named it.</summary>
    public required string? ErrorsFile { get; init; }
    /// <summary>The report written beside the input when the import only warned.</summary>
    public required string? WarningsFile { get; init; }
    /// <summary>Areas in the database after the import.</summary>
    public required long AreasTotal { get; init; }
}

/// <summary>What <c>mosaic import dtm</c> reports (<c>--json</c>).</summary>
public sealed record DtmImportReport
{
    /// <summary>The input file, as given.</summary>
    public required string File { get; init; }
    /// <summary>The layout read: DTM API JSON, DTM HXL CSV or HDX HAPI CSV.</summary>
    public required string Format { get; init; }
    /// <summary>Whether anything was stored: false when records were rejected and invalid records were not to be
    /// skipped.</summary>
    public required bool Committed { get; init; }
    /// <summary>Records in the file.</summary>
    public required long RecordsRead { get; init; }
    /// <summary>Assessment records new to the database.</summary>
    public required long Inserted { get; init; }
    /// <summary>Stored assessment records whose figures changed.</summary>
    public required long Updated { get; init; }
    /// <summary>Stored assessment records the file repeated as they were.</summary>
    public required long Unchanged { get; init; }
    /// <summary>Records rejected, each listed in the errors file.</summary>
    public required long RecordsRejected { get; init; }
    /// <summary>Warnings: reported, never a reason to reject a record.</summary>
    public required long Warnings { get; init; }
    /// <summary>The report of rejected records (and warnings), when records were rejected or an errors file was named;
    /// else null.</summary>
    public required string? ErrorsFile { get; init; }
    /// <summary>The report written beside the input when the import only warned; else null.</summary>
    public required string? WarningsFile { get; init; }
    /// <summary>Assessment records in the database after the import.</summary>
    public required long AssessmentsTotal { get; init; }
}

/// <summary>What <c>mosaic import flows</c> reports (<c>--json</c>).</summary>
public sealed record FlowImportReport
{
    /// <summary>The input file, as given.</summary>
    public required string File { get; init; }
    /// <summary>Whether anything was stored: false when rows were rejected and invalid rows were not to be
    /// skipped.</summary>
    public required bool Committed { get; init; }
    /// <summary>Flow monitoring points named in the file.</summary>
    public required long Points { get; init; }
    /// <summary>Of those, points new to the database.</summary>
    public required long PointsAdded { get; init; }
    /// <summary>Stored points the file describes differently (each change is also reported as a warning).</summary>
    public required long PointsChanged { get; init; }
    /// <summary>Stored points the file repeated as they were.</summary>
    public required long PointsUnchanged { get; init; }
    /// <summary>Observations (one point, day and direction) in the file.</summary>
    public required long ObservationsRead { get; init; }
    /// <summary>Observations new to the database.</summary>
    public required long Inserted { get; init; }
    /// <summary>Stored observations whose counts changed.</summary>
    public required long Updated { get; init; }
    /// <summary>Stored observations the file repeated as they were.</summary>
    public required long Unchanged { get; init; }
    /// <summary>Rows rejected, each listed in the errors file.</summary>
    public required long RowsRejected { get; init; }
    /// <summary>Warnings: reported, never a reason to reject a row.</summary>
    public required long Warnings { get; init; }
    /// <summary>The report of rejected rows (and warnings), when rows were rejected or an errors file was named; else
    /// null.</summary>
    public required string? ErrorsFile { get; init; }
    /// <summary>The report written beside the input when the import only warned; else null.</summary>
    public required string? WarningsFile { get; init; }
    /// <summary>Flow observations in the database after the import.</summary>
    public required long ObservationsTotal { get; init; }
}

/// <summary>What <c>mosaic import hazards</c> reports (<c>--json</c>).</summary>
public sealed record HazardImportReport
{
    /// <summary>The input file, as given.</summary>
    public required string File { get; init; }
    /// <summary>The hazard type code (flood, erosion, …).</summary>
    public required string Type { get; init; }
    /// <summary>The layer's name (unique: importing a name again replaces that layer).</summary>
    public required string Layer { get; init; }
    /// <summary>Whether the layer was stored: false when features were rejected and invalid ones were not to be
    /// skipped.</summary>
    public required bool Committed { get; init; }
    /// <summary>Whether a stored layer of that name was replaced.</summary>
    public required bool Replaced { get; init; }
    /// <summary>Polygons stored.</summary>
    public required long Polygons { get; init; }
    /// <summary>Features whose invalid geometry (a self-intersecting ring, …) was repaired before storing.</summary>
    public required long Repaired { get; init; }
    /// <summary>Features rejected, each listed in the errors file.</summary>
    public required long FeaturesRejected { get; init; }
    /// <summary>The report of rejected features, or null when none was written.</summary>
    public required string? ErrorsFile { get; init; }
}

/// <summary>What <c>mosaic import registrations</c> reports (<c>--json</c>).</summary>
public sealed record RegistrationImportReport
{
    /// <summary>The registrations file, as given (an XLSX workbook, a zip, or the households CSV).</summary>
    public required string File { get; init; }
    /// <summary>The members CSV, or null when the members came in the same workbook or zip.</summary>
    public required string? MembersFile { get; init; }
    /// <summary>Whether anything was stored.</summary>
    public required bool Committed { get; init; }
    /// <summary>Households stored by this import.</summary>
    public required long HouseholdsImported { get; init; }
    /// <summary>Persons stored by this import.</summary>
    public required long PersonsImported { get; init; }
    /// <summary>Households that passed every check.</summary>
    public required long HouseholdsValid { get; init; }
    /// <summary>Households with a rejected row or a conflict.</summary>
    public required long HouseholdsRejected { get; init; }
    /// <summary>Submissions without consent: counted, never stored.</summary>
    public required long HouseholdsDeclined { get; init; }
    /// <summary>Rows (household or member) rejected.</summary>
    public required long RowsRejected { get; init; }
    /// <summary>Submissions already stored with the same content, skipped.</summary>
    public required long DuplicatesSkipped { get; init; }
    /// <summary>Submissions stored before with different content: never overwritten.</summary>
    public required long Conflicts { get; init; }
    /// <summary>Problems listed in the report (errors and warnings).</summary>
    public required long Issues { get; init; }
    /// <summary>Warnings (a GPS point outside its area): reported, never a reason to reject a row.</summary>
    public required long Warnings { get; init; }
    /// <summary>The report of rejected rows (and warnings), when rows were rejected or an errors file was named; else
    /// null.</summary>
    public required string? ErrorsFile { get; init; }
    /// <summary>The report written beside the input when the import only warned; else null.</summary>
    public required string? WarningsFile { get; init; }
    /// <summary>Household rows read: each is imported, a duplicate, declined or rejected.</summary>
    public required long HouseholdRowsRead { get; init; }
    /// <summary>Member rows read.</summary>
    public required long MemberRowsRead { get; init; }
    /// <summary>Households in the registry after the import.</summary>
    public required long HouseholdsTotal { get; init; }
    /// <summary>Persons in the registry after the import.</summary>
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
