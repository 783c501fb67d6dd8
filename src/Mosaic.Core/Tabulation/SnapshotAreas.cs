using Mosaic.Core.Areas;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// The areas households live in (dictionary-encoded) and the P-code tree above them, so any admin level can be a
/// dimension. Households whose area is not in the tree keep their P-code but have no known ancestors.
/// </summary>
public sealed class SnapshotAreas
{
    private readonly Dictionary<string, Area> _tree;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _pcodes = [];

    /// <summary>The area positions of an area table.</summary>
    public SnapshotAreas(IEnumerable<Area> tree)
    {
        _tree = new Dictionary<string, Area>(StringComparer.Ordinal);
        foreach (var a in tree)
            _tree[a.Pcode] = a;
    }

    /// <summary>P-codes of the areas households are recorded in, by dictionary index.</summary>
    public IReadOnlyList<string> Pcodes => _pcodes;

    internal int Intern(string pcode)
    {
        if (_index.TryGetValue(pcode, out var i))
            return i;
        i = _pcodes.Count;
        _pcodes.Add(pcode);
        _index.Add(pcode, i);
        return i;
    }

    /// <summary>The area record of a P-code, when the tree knows it.</summary>
    public Area? Find(string pcode) => _tree.GetValueOrDefault(pcode);

    /// <summary>The P-code of the ancestor-or-self at <paramref name="level"/>, or null when there is none.</summary>
    public string? AncestorAt(string pcode, int level)
    {
        var current = Find(pcode);
        var guard = 0;
        while (current is not null && guard++ < 64)
        {
            if (current.Level == level)
                return current.Pcode;
            if (current.Level < level || current.ParentPcode is null)
                return null;
            current = Find(current.ParentPcode);
        }
        return null;
    }

    /// <summary>Whether <paramref name="pcode"/> is <paramref name="ancestor"/> or lies below it.</summary>
    public bool IsWithin(string pcode, string ancestor)
    {
        if (pcode == ancestor)
            return true;
        var current = Find(pcode);
        var guard = 0;
        while (current?.ParentPcode is { } parent && guard++ < 64)
        {
            if (parent == ancestor)
                return true;
            current = Find(parent);
        }
        return false;
    }

    /// <summary>
    /// Refuses a dimension at an admin level no area of the database has (<c>--by adm9</c>, or <c>village</c> on
    /// a tree that stops at unions): every household would fall into "(missing)", which reads as a result.
    /// </summary>
    public void RequireLevel(string dimension, int level)
    {
        if (_tree.Count == 0 || _tree.Values.Any(a => a.Level == level))
            return;
        var levels = _tree.Values.Select(a => a.Level).Distinct().Order().Select(l => "adm" + l.ToString(System.Globalization.CultureInfo.InvariantCulture));
        throw new TabulationException($"'{dimension}': no area of this database is at admin level {level.ToString(System.Globalization.CultureInfo.InvariantCulture)} " +
                                      $"(the areas are at {string.Join(", ", levels)})");
    }

    /// <summary>Display name of an area, or its P-code when unknown.</summary>
    public string NameOf(string pcode) => Find(pcode)?.Name ?? pcode;
}
