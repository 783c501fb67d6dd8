using Mosaic.Core.Audit;

namespace Mosaic.Core.Storage;

/// <summary>
/// The append-only, tamper-evident log of reads and exports of personal data (DESIGN §7). There is deliberately no
/// way to change or remove an entry; providers also refuse it at the database level, and chain every entry to the
/// one before it (<see cref="AuditChain"/>) so that <see cref="AuditVerifier"/> finds what the database could not stop.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends an entry (its time is stored as UTC) with its chain hash, in one transaction, and returns its id.</summary>
    long Append(AuditEntry entry);

    /// <summary>Entries newest first, at most <paramref name="limit"/> of them when given.</summary>
    IReadOnlyList<AuditEntry> Read(int? limit = null);

    /// <summary>Every entry with its stored hash, oldest first (id order), for <see cref="AuditVerifier"/>.</summary>
    IReadOnlyList<ChainedAuditEntry> ReadChain();

    /// <summary>The database-level guards that are missing and the highest id ever issued, for <see cref="AuditVerifier"/>.</summary>
    AuditLogGuards ReadGuards();
}
