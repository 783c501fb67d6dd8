using Mosaic.Core.Areas;

namespace Mosaic.Core.Storage;

/// <summary>The P-code tree.</summary>
public interface IAreaStore
{
    /// <summary>
    /// Inserts or updates areas in one transaction. A null boundary keeps a stored boundary; a null
    /// name or parent is never written over a known one by a boundary-only import (see <see cref="AreaUpsertMode"/>).
    /// </summary>
    AreaUpsertResult Upsert(IEnumerable<Area> areas, AreaUpsertMode mode = AreaUpsertMode.Full);

    Area? Get(string pcode);

    /// <summary>Every area, ordered by level then P-code.</summary>
    IReadOnlyList<Area> All(bool withBoundaries = false);

    /// <summary>The area and all its descendants, ordered by level then P-code.</summary>
    IReadOnlyList<Area> Subtree(string pcode, bool withBoundaries = false);

    int Count();
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
public sealed record AreaUpsertResult(int Inserted, int Updated, int Unchanged);
