using Mosaic.Core.Access;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Storage;

namespace Mosaic.Core.Areas;

/// <summary>
/// The area tree as a reader with an access scope sees it: the scope's subtree (every area when the scope is null),
/// nothing above or beside it. The dashboard's area lists, pickers and maps read it.
/// </summary>
public static class AreaBrowsing
{
    /// <summary>
    /// The areas in <paramref name="scope"/>'s subtree, with their boundaries when <paramref name="withBoundaries"/>
    /// (for a map); in the store's order.
    /// </summary>
    public static IReadOnlyList<Area> InScope(IAreaStore areas, string? scope, bool withBoundaries)
    {
        ArgumentNullException.ThrowIfNull(areas);
        return scope is null ? areas.All(withBoundaries) : areas.Subtree(scope, withBoundaries);
    }

    /// <summary>The areas in scope, optionally only those of one level or directly under one parent (P-codes in any case).</summary>
    public static IReadOnlyList<AreaReport> List(IAreaStore areas, string? scope, int? level = null, string? parent = null) =>
        [.. InScope(areas, scope, withBoundaries: true)
            .Where(a => (level is null || a.Level == level) &&
                        (parent is null || string.Equals(a.ParentPcode, parent, StringComparison.OrdinalIgnoreCase)))
            .Select(AreaReport.Of)];

    /// <summary>One area with its path and children, or null when it does not exist or lies outside the scope.</summary>
    public static AreaDetailReport? Detail(IAreaStore areas, string? scope, string pcode)
    {
        ArgumentNullException.ThrowIfNull(areas);
        var area = areas.Get(pcode);
        if (area is null || !AccessScope.Contains(areas, scope, area.Pcode))
            return null;
        var children = areas.All().Where(a => a.ParentPcode == area.Pcode).Select(AreaReport.Of).ToList();
        var path = new List<AreaReport>();
        for (var a = area; a is not null && AccessScope.Contains(areas, scope, a.Pcode); a = a.ParentPcode is null ? null : areas.Get(a.ParentPcode))
            path.Insert(0, AreaReport.Of(a));
        return new AreaDetailReport(AreaReport.Of(area), path, children);
    }
}
