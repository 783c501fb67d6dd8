using Mosaic.Core.Import;

namespace Mosaic.Core.Registry.Import;

/// <summary>What a registration import did. Counts of stored rows are 0 when nothing was committed.</summary>
public sealed record RegistrationImportResult
{
    /// <summary>Whether the transaction was committed (false: the database is unchanged).</summary>
    public required bool Committed { get; init; }

    /// <summary>Households stored by this import (0 when not committed).</summary>
    public required long HouseholdsImported { get; init; }

    /// <summary>Persons stored by this import (0 when not committed).</summary>
    public required long PersonsImported { get; init; }

    /// <summary>Households that passed validation (imported when committed, but for any another import stored meanwhile).</summary>
    public required long HouseholdsValid { get; init; }

    /// <summary>Households rejected for any reason (errors, missing or invalid consent, conflict).</summary>
    public required long HouseholdsRejected { get; init; }

    /// <summary>Submissions whose respondent answered consent <c>no</c>: not stored and not an error.</summary>
    public required long HouseholdsDeclined { get; init; }

    /// <summary>Distinct input rows (household or member) named in the errors.</summary>
    public required long RowsRejected { get; init; }

    /// <summary>Submissions already stored with the same content: nothing to do.</summary>
    public required long DuplicatesSkipped { get; init; }

    /// <summary>Submissions whose id is stored with different content: reported, never overwritten.</summary>
    public required long Conflicts { get; init; }

    /// <summary>Household rows read: each is imported, a duplicate, declined or rejected.</summary>
    public required long HouseholdRowsRead { get; init; }

    /// <summary>Member rows read.</summary>
    public required long MemberRowsRead { get; init; }

    /// <summary>How members were matched to their households (side by side, or buffered when out of order).</summary>
    public required JoinMode JoinMode { get; init; }

    /// <summary>Every problem, in input order per table.</summary>
    public required IReadOnlyList<ImportIssue> Issues { get; init; }

    /// <summary>Households stored (or valid) with something to check, e.g. a GPS point outside its area's boundary; in input order.</summary>
    public IReadOnlyList<ImportIssue> Warnings { get; init; } = [];
}
