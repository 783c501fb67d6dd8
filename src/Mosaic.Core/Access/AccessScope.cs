using Mosaic.Core.Areas;
using Mosaic.Core.Storage;

namespace Mosaic.Core.Access;

/// <summary>Whether an area lies in a user's scope: the scope area itself or any of its descendants (DESIGN §7).</summary>
public static class AccessScope
{
    /// <summary>
    /// True when <paramref name="pcode"/> is <paramref name="scope"/> or below it in the area tree (a null scope is
    /// every area). An unknown area is outside every scope but the unrestricted one.
    /// </summary>
    public static async Task<bool> ContainsAsync(IAreaStore areas, string? scope, string pcode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(areas);
        if (scope is null)
            return true;
        // Walk up the parents (P-codes are not always prefixes of their children's: BGD → BD55).
        var current = await areas.GetAsync(pcode, cancellationToken);
        for (var depth = 0; current is not null && depth < 16; depth++)
        {
            if (string.Equals(current.Pcode, scope, StringComparison.OrdinalIgnoreCase))
                return true;
            current = current.ParentPcode is null ? null : await areas.GetAsync(current.ParentPcode, cancellationToken);
        }
        return false;
    }

    /// <summary>
    /// <see cref="ContainsAsync"/> for many areas at once, decided on the area tree read once (for a list of rows):
    /// the same walk up the parents, in memory.
    /// </summary>
    /// <param name="tree">Every area (boundaries not needed).</param>
    /// <param name="scope">The scope; null is every area.</param>
    public static Func<string, bool> Of(IReadOnlyList<Area> tree, string? scope)
    {
        ArgumentNullException.ThrowIfNull(tree);
        if (scope is null)
            return static _ => true;
        var parents = new Dictionary<string, string?>(tree.Count, StringComparer.Ordinal);
        foreach (var area in tree)
            parents[area.Pcode] = area.ParentPcode;
        return pcode =>
        {
            string? current = parents.ContainsKey(pcode) ? pcode : null;
            for (var depth = 0; current is not null && depth < 16; depth++)
            {
                if (string.Equals(current, scope, StringComparison.OrdinalIgnoreCase))
                    return true;
                current = parents.GetValueOrDefault(current);
                if (current is not null && !parents.ContainsKey(current))
                    current = null;
            }
            return false;
        };
    }
}
