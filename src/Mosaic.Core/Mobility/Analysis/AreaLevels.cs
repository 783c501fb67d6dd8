using Mosaic.Core.Areas;

namespace Mosaic.Core.Mobility.Analysis;

/// <summary>Finds the ancestor of an area at a given level (memoised: summaries ask the same question many times).</summary>
internal sealed class AreaLevels
{
    private readonly Dictionary<string, Area> _areas;
    private readonly Dictionary<(string, int), string?> _cache = [];

    /// <summary>The lookup over an area table.</summary>
    public AreaLevels(IEnumerable<Area> areas)
    {
        _areas = new Dictionary<string, Area>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in areas)
            _areas[a.Pcode] = a;
    }

    /// <summary>The area's name, or the code when the area is unknown.</summary>
    public string NameOf(string pcode) => _areas.TryGetValue(pcode, out var a) ? a.Name : pcode;

    /// <summary>The admin level of a P-code, or null when the area table does not have it.</summary>
    public int? LevelOf(string pcode) => _areas.TryGetValue(pcode, out var a) ? a.Level : null;

    /// <summary>The ancestor (or self) at a level, or null when the area is unknown or above that level.</summary>
    public string? AncestorAt(string pcode, int level)
    {
        if (_cache.TryGetValue((pcode, level), out var cached))
            return cached;
        string? result = null;
        _areas.TryGetValue(pcode, out var a);
        for (var guard = 0; a is not null && guard < 16; guard++)
        {
            if (a.Level == level)
            {
                result = a.Pcode;
                break;
            }
            if (a.Level < level || a.ParentPcode is null || !_areas.TryGetValue(a.ParentPcode, out a))
                break;
        }
        _cache[(pcode, level)] = result;
        return result;
    }
}
