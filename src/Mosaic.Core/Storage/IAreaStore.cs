using Mosaic.Core.Areas;

namespace Mosaic.Core.Storage;

/// <summary>The P-code tree.</summary>
/// <remarks>
/// Every member is asynchronous and takes a <see cref="CancellationToken"/>: a cancelled call throws
/// <see cref="OperationCanceledException"/> (never a <see cref="StoreException"/>), an interrupted upsert commits
/// nothing, and the unit of work stays usable. The rules of <see cref="IMosaicStore"/> apply (one caller at a time).
/// </remarks>
public interface IAreaStore
{
    /// <summary>
    /// Inserts or updates areas in one transaction. A null boundary keeps a stored boundary; a null
    /// name or parent is never written over a known one by a boundary-only import (see <see cref="AreaUpsertMode"/>).
    /// </summary>
    /// <param name="areas">The areas to write, enumerated once.</param>
    /// <param name="mode">What is written to areas that exist already.</param>
    /// <param name="cancellationToken">Stops the upsert before its commit: nothing is written then.</param>
    /// <returns>How many areas were inserted, updated and left unchanged.</returns>
    Task<AreaUpsertResult> UpsertAsync(IEnumerable<Area> areas, AreaUpsertMode mode = AreaUpsertMode.Full, CancellationToken cancellationToken = default);

    /// <summary>One area with its boundary, or null when the P-code is unknown.</summary>
    /// <param name="pcode">The area's P-code.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<Area?> GetAsync(string pcode, CancellationToken cancellationToken = default);

    /// <summary>Every area, ordered by level then P-code.</summary>
    /// <param name="withBoundaries">Whether the boundaries are read too (they are null otherwise).</param>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<IReadOnlyList<Area>> AllAsync(bool withBoundaries = false, CancellationToken cancellationToken = default);

    /// <summary>The area and all its descendants, ordered by level then P-code (empty for an unknown P-code).</summary>
    /// <param name="pcode">The root of the subtree.</param>
    /// <param name="withBoundaries">Whether the boundaries are read too (they are null otherwise).</param>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<IReadOnlyList<Area>> SubtreeAsync(string pcode, bool withBoundaries = false, CancellationToken cancellationToken = default);

    /// <summary>The number of stored areas.</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<int> CountAsync(CancellationToken cancellationToken = default);
}

/// <summary>How an area import treats areas that already exist.</summary>
public enum AreaUpsertMode
{
    /// <summary>Name, level, parent and (when given) boundary are written.</summary>
    Full,

    /// <summary>Only boundaries are written to existing areas; unknown areas are inserted whole.</summary>
    BoundariesOnly,
}

/// <summary>Counts of an area import.</summary>
/// <param name="Inserted">Areas that were new.</param>
/// <param name="Updated">Stored areas that were changed.</param>
/// <param name="Unchanged">Stored areas written again with the same content.</param>
public sealed record AreaUpsertResult(int Inserted, int Updated, int Unchanged);
