using Mosaic.Core.Areas;

namespace Mosaic.Core.Application.Reports;

/// <summary>An area without its boundary, but saying whether it has one (so a map knows what it can draw).</summary>
/// <param name="Pcode">The area's P-code.</param>
/// <param name="Name">Its name.</param>
/// <param name="Level">Its administrative level (0 = country).</param>
/// <param name="ParentPcode">The P-code of the area it lies in; null for a country.</param>
/// <param name="HasBoundary">Whether a boundary is stored for it.</param>
public sealed record AreaReport(string Pcode, string Name, int Level, string? ParentPcode, bool HasBoundary)
{
    /// <summary>The report of a stored area.</summary>
    public static AreaReport Of(Area area)
    {
        ArgumentNullException.ThrowIfNull(area);
        return new AreaReport(area.Pcode, area.Name, area.Level, area.ParentPcode, area.Boundary is not null);
    }
}

/// <summary>An area with its path from the reader's scope root (root first, the area itself last) and its children.</summary>
/// <param name="Area">The area.</param>
/// <param name="Path">Its ancestors the reader may see, from the highest down, ending with the area itself.</param>
/// <param name="Children">The areas directly below it.</param>
public sealed record AreaDetailReport(AreaReport Area, IReadOnlyList<AreaReport> Path, IReadOnlyList<AreaReport> Children);
