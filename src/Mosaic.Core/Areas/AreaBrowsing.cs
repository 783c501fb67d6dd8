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
    /// <param name="areas">The area store.</param>
    /// <param name="scope">The reader's access scope (null: every area).</param>
    /// <param name="withBoundaries">Whether the boundaries are read too.</param>
    /// <param name="cancellationToken">Passed to the store.</param>
    public static Task<IReadOnlyList<Area>> InScopeAsync(IAreaStore areas, string? scope, bool withBoundaries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(areas);
        return scope is null ? areas.AllAsync(withBoundaries, cancellationToken) : areas.SubtreeAsync(scope, withBoundaries, cancellationToken);
    }

    /// <summary>The areas in scope, optionally only those of one level or directly under one parent (P-codes in any case).</summary>
    /// <param name="areas">The area store.</param>
    /// <param name="scope">The reader's access scope (null: every area).</param>
    /// <param name="level">Only areas of this level, when given.</param>
    /// <param name="parent">Only areas directly under this P-code, when given.</param>
    /// <param name="cancellationToken">Passed to the store.</param>
    public static async Task<IReadOnlyList<AreaReport>> ListAsync(IAreaStore areas, string? scope, int? level = null, string? parent = null,
        CancellationToken cancellationToken = default) =>
        [.. (await InScopeAsync(areas, scope, withBoundaries: true, cancellationToken))
            .Where(a => (level is null || a.Level == level) &&
                        (parent is null || string.Equals(a.ParentPcode, parent, StringComparison.OrdinalIgnoreCase)))
            .Select(AreaReport.Of)];

    /// <summary>One area with its path and children, or null when it does not exist or lies outside the scope.</summary>
    /// <param name="areas">The area store.</param>
    /// <param name="scope">The reader's access scope (null: every area).</param>
    /// <param name="pcode">The area asked for.</param>
    /// <param name="cancellationToken">Passed to the store.</param>
    public static async Task<AreaDetailReport?> DetailAsync(IAreaStore areas, string? scope, string pcode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(areas);
        var area = await areas.GetAsync(pcode, cancellationToken);
        if (area is null || !await AccessScope.ContainsAsync(areas, scope, area.Pcode, cancellationToken))
            return null;
        var children = (await areas.AllAsync(cancellationToken: cancellationToken)).Where(a => a.ParentPcode == area.Pcode).Select(AreaReport.Of).ToList();
        var path = new List<AreaReport>();
        for (var a = area; a is not null && await AccessScope.ContainsAsync(areas, scope, a.Pcode, cancellationToken);
             a = a.ParentPcode is null ? null : await areas.GetAsync(a.ParentPcode, cancellationToken))
            path.Insert(0, AreaReport.Of(a));
        return new AreaDetailReport(AreaReport.Of(area), path, children);
    }
}
