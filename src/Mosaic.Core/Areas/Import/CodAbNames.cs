namespace Mosaic.Core.Areas.Import;

/// <summary>
/// Which column (or GeoJSON property) of a COD-AB file names the areas of one admin level. COD-AB files name areas in
/// English, French or Spanish (<c>ADM2_EN</c>, <c>ADM2_FR</c>, <c>ADM2_ES</c>), or only in the country's own language
/// (<c>ADM2_PT</c> in Mozambique, <c>ADM2_AR</c>, <c>ADM2_UA</c>, …), beside a reference name (<c>ADM2_REF</c>,
/// without diacritics) and ids.
/// </summary>
internal static class CodAbNames
{
    /// <summary>
    /// The index in <paramref name="keys"/> (case-insensitive) of the level's name: <c>ADMn_EN</c>, <c>ADMn_NAME</c>,
    /// <c>adminNName_en</c>, <c>ADMn_FR</c>, <c>ADMn_ES</c>; else the first <c>ADMn_XX</c> of two letters (a language
    /// code; not <c>ID</c>) in file order; else <c>ADMn_REF</c>; else null.
    /// </summary>
    public static int? Find(IReadOnlyList<string> keys, int level)
    {
        ArgumentNullException.ThrowIfNull(keys);
        string[] preferred = [$"ADM{level}_EN", $"ADM{level}_NAME", $"admin{level}Name_en", $"ADM{level}_FR", $"ADM{level}_ES"];
        foreach (var name in preferred)
        {
            if (IndexOf(keys, name) is { } i)
                return i;
        }
        var prefix = $"ADM{level}_";
        for (var i = 0; i < keys.Count; i++)
        {
            var k = keys[i].Trim();
            if (k.Length == prefix.Length + 2 && k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && char.IsAsciiLetter(k[^2]) &&
                char.IsAsciiLetter(k[^1]) && !k.EndsWith("ID", StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return IndexOf(keys, $"ADM{level}_REF");
    }

    private static int? IndexOf(IReadOnlyList<string> keys, string name)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (string.Equals(keys[i].Trim(), name, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        return null;
    }
}
