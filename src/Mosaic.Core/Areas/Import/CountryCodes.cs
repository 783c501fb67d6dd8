namespace Mosaic.Core.Areas.Import;

/// <summary>
/// ISO2 ↔ ISO3 reconciliation of country areas. COD P-codes start with the country's ISO2 code (<c>CF11</c>) while
/// the global P-code table names countries by ISO3 (<c>CAF</c>); a COD-AB table of one country gives its level 0 as
/// ISO2 (<c>adm0_pcode = CF</c>). The alias is learnt from the data itself: a three-letter country whose level-1
/// P-codes all start with the same two letters has those letters as its ISO2 code.
/// </summary>
internal sealed class CountryCodes
{
    private readonly Dictionary<string, string> _iso3ByIso2 = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="areas">Every area known (database and file): level-0 areas and their level-1 children are used.</param>
    public CountryCodes(IEnumerable<Area> areas)
    {
        var prefixes = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var a in areas)
        {
            if (a.Level != 1 || a.ParentPcode is not { Length: 3 } country || !IsLetters(country) || a.Pcode.Length < 3)
                continue;
            var prefix = a.Pcode[..2];
            if (!IsLetters(prefix))
                prefixes[country] = null;
            else if (!prefixes.TryGetValue(country, out var seen))
                prefixes[country] = prefix;
            else if (seen is not null && !string.Equals(seen, prefix, StringComparison.OrdinalIgnoreCase))
                prefixes[country] = null;
        }
        foreach (var (iso3, iso2) in prefixes)
        {
            if (iso2 is not null)
                _iso3ByIso2.TryAdd(iso2, iso3);
        }
    }

    /// <summary>The ISO3 code of a country known by its ISO2 code, or null.</summary>
    public string? Iso3Of(string iso2) => iso2.Length == 2 && _iso3ByIso2.TryGetValue(iso2, out var iso3) ? iso3 : null;

    private static bool IsLetters(string s)
    {
        foreach (var c in s)
        {
            if (c is not (>= 'A' and <= 'Z' or >= 'a' and <= 'z'))
                return false;
        }
        return true;
    }
}
