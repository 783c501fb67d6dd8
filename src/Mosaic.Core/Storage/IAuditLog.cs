using Mosaic.Core.Audit;

namespace Mosaic.Core.Storage;

/// <summary>
/// The append-only, tamper-evident log of reads and exports of personal data (DESIGN §7). There is deliberately no
/// way to change or remove an entry; providers also refuse it at the database level, and chain every entry to the
/// one before it (<see cref="AuditChain"/>) so that <see cref="AuditVerifier"/> finds what the database could not stop.
/// </summary>
/// <remarks>
/// Every member is asynchronous and takes a <see cref="CancellationToken"/>: a cancelled call throws
/// <see cref="OperationCanceledException"/> (never a <see cref="StoreException"/>), a cancelled write commits nothing,
/// and the unit of work stays usable. The rules of <see cref="IMosaicStore"/> apply (one caller at a time).
/// </remarks>
public interface IAuditLog
{
    /// <summary>Appends an entry (its time is stored as UTC) with its chain hash, in one transaction, and returns its id.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="cancellationToken">Stops the append before its commit: then no entry is written.</param>
    Task<long> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Entries newest first, at most <paramref name="limit"/> of them when given.</summary>
    /// <param name="limit">The most entries to read; null for all.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>Every entry with its stored hash, oldest first (id order), for <see cref="AuditVerifier"/>.</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<IReadOnlyList<ChainedAuditEntry>> ReadChainAsync(CancellationToken cancellationToken = default);

    /// <summary>The database-level guards that are missing and the highest id ever issued, for <see cref="AuditVerifier"/>.</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<AuditLogGuards> ReadGuardsAsync(CancellationToken cancellationToken = default);
}
