using Mosaic.Core.Storage;

namespace Mosaic.Core.Access;

/// <summary>Whether an area lies in a user's scope: the scope area itself or any of its descendants (DESIGN §7).</summary>
public static class AccessScope
{
    /// <summary>
    /// True when <paramref name="pcode"/> is <paramref name="scope"/> or below it in the area tree (a null scope is
    /// every area). An unknown area is outside every scope but the unrestricted one.
    /// </summary>
    public static bool Contains(IAreaStore areas, string? scope, string pcode)
    {
        ArgumentNullException.ThrowIfNull(areas);
        if (scope is null)
            return true;
        // Walk up the parents (P-codes are not always prefixes of their children's: BGD → BD55).
        var current = areas.Get(pcode);
        for (var depth = 0; current is not null && depth < 16; depth++)
        {
            if (string.Equals(current.Pcode, scope, StringComparison.OrdinalIgnoreCase))
                return true;
            current = current.ParentPcode is null ? null : areas.Get(current.ParentPcode);
        }
        return false;
    }
}
