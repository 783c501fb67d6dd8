using Mosaic.Core.Audit;

namespace Mosaic.Core.Storage;

/// <summary>
/// The append-only log of reads and exports of personal data. There is deliberately no way to change or
/// remove an entry; providers also refuse it at the database level.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends an entry (its time is stored as UTC) and returns its id.</summary>
    long Append(AuditEntry entry);

    /// <summary>Entries newest first, at most <paramref name="limit"/> of them when given.</summary>
    IReadOnlyList<AuditEntry> Read(int? limit = null);
}
