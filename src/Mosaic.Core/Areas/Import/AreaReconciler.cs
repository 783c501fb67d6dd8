using Mosaic.Core.Import;

namespace Mosaic.Core.Areas.Import;

/// <summary>
/// Fits the areas of a file to the areas already in the database before anything is written: a country given by
/// its ISO2 code becomes the ISO3 area the database knows; country codes are filled from the parent chain; what a
/// file does not say (no parent, no country code, a name that is only the P-code) never overwrites what the
/// database knows; a real rename or a move to another parent is written but reported as a warning naming the area;
/// a new area below level 0 without a known parent is rejected with its row.
/// </summary>
internal sealed class AreaReconciler
{
    private readonly IReadOnlyDictionary<string, Area> _known;
    private readonly string _file;
    private readonly string? _sheet;
    private readonly List<ImportIssue> _issues;
    private readonly List<ImportIssue> _warnings;

    private AreaReconciler(IReadOnlyDictionary<string, Area> known, string file, string? sheet, List<ImportIssue> issues, List<ImportIssue> warnings)
    {
        _known = known;
        _file = file;
        _sheet = sheet;
        _issues = issues;
        _warnings = warnings;
    }

    /// <param name="boundariesOnly">GeoJSON: existing areas only take their boundary, so they are not merged.</param>
    /// <returns>The areas to write.</returns>
    public static List<Area> Reconcile(IReadOnlyList<(Area Area, long Row)> read, IReadOnlyDictionary<string, Area> known,
        bool boundariesOnly, string file, string? sheet, List<ImportIssue> issues, List<ImportIssue> warnings)
    {
        var r = new AreaReconciler(known, file, sheet, issues, warnings);
        var areas = r.ToIso3(read);
        var inFile = new Dictionary<string, Area>(StringComparer.Ordinal);
        foreach (var (area, _) in areas)
            inFile.TryAdd(area.Pcode, area);

        var accepted = new List<Area>(areas.Count);
        foreach (var (area, row) in areas)
        {
            if (known.TryGetValue(area.Pcode, out var stored))
            {
                accepted.Add(boundariesOnly ? area : r.Merge(area, stored, row, inFile));
                continue;
            }
            if (boundariesOnly && (area.Level < 0 || area.Name.Length == 0))
            {
                r.Reject(row, "pcode", area.Pcode, "unknown P-code and the feature has no name/level to create it: import the P-code table first");
                continue;
            }
            if (area.ParentPcode is null && area.Level > 0)
            {
                r.Reject(row, "parent", null, $"new area {area.Pcode} at level {area.Level} has no parent P-code: give its parent (or its country) in the file");
                continue;
            }
            if (area.ParentPcode is { } parent && !inFile.ContainsKey(parent) && !known.ContainsKey(parent))
            {
                r.Reject(row, "parent", parent, $"parent of {area.Pcode} is not in the file or the database");
                continue;
            }
            accepted.Add(area with { CountryCode = area.CountryCode ?? CountryOf(area, inFile, known) });
        }
        return accepted;
    }

    /// <summary>Replaces a country's ISO2 P-code by the ISO3 one the database (or the file) uses for it.</summary>
    private List<(Area Area, long Row)> ToIso3(IReadOnlyList<(Area Area, long Row)> read)
    {
        var codes = new CountryCodes(_known.Values.Concat(read.Select(a => a.Area)));
        var rename = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (area, row) in read)
        {
            foreach (var code in new[] { area.Level == 0 ? area.Pcode : null, area.ParentPcode })
            {
                if (code is { Length: 2 } && !rename.ContainsKey(code) && !_known.ContainsKey(code) && codes.Iso3Of(code) is { } iso3)
                {
                    rename[code] = iso3;
                    _warnings.Add(new ImportIssue(_file, _sheet, row, "pcode", code,
                        $"country code {code} is the ISO2 code of {iso3} (whose P-codes start with {code}): read as {iso3}"));
                }
            }
        }
        var result = new List<(Area, long)>(read.Count);
        var adopted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (area, row) in read)
        {
            var pcode = rename.GetValueOrDefault(area.Pcode, area.Pcode);
            var parent = area.ParentPcode is { } p ? rename.GetValueOrDefault(p, p) : null;
            // A table without level-0 rows: a level-1 area whose P-code starts with a known country's ISO2 code.
            if (parent is null && area.Level == 1 && !_known.ContainsKey(pcode) && pcode.Length > 2 && codes.Iso3Of(pcode[..2]) is { } country0)
            {
                parent = country0;
                if (adopted.Add(country0))
                {
                    _warnings.Add(new ImportIssue(_file, _sheet, row, "parent", null,
                        $"level-1 areas without a country P-code are placed under {country0} (its P-codes start with {pcode[..2]})"));
                }
            }
            var country = area.CountryCode is { } c ? rename.GetValueOrDefault(c, c) : null;
            if (area.Level == 0 && !ReferenceEquals(pcode, area.Pcode))
                country ??= pcode;
            result.Add((area with { Pcode = pcode, ParentPcode = parent, CountryCode = country }, row));
        }
        return result;
    }

    /// <summary>An existing area as the file gives it, keeping what the file does not say.</summary>
    private Area Merge(Area area, Area stored, long row, Dictionary<string, Area> inFile)
    {
        var name = area.Name.Length == 0 || (area.Name == area.Pcode && stored.Name != stored.Pcode) ? stored.Name : area.Name;
        if (name != stored.Name && stored.Name != stored.Pcode)
            Warn(row, "name", name, $"{stored.Pcode} renamed from '{stored.Name}' to '{name}'");
        var parent = area.ParentPcode ?? stored.ParentPcode;
        if (parent != stored.ParentPcode)
            Warn(row, "parent", parent, $"{stored.Pcode} '{name}' moved from parent {stored.ParentPcode ?? "(none)"} to {parent ?? "(none)"}");
        var level = area.Level;
        if (level != stored.Level)
            Warn(row, "level", level.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{stored.Pcode} '{name}' changed from level {stored.Level} to {level}");
        var merged = area with { Name = name, ParentPcode = parent, ValidFrom = area.ValidFrom ?? stored.ValidFrom };
        return merged with { CountryCode = area.CountryCode ?? stored.CountryCode ?? CountryOf(merged, inFile, _known) };
    }

    /// <summary>The country code of the area's level-0 ancestor (its code, or its P-code when that is ISO3).</summary>
    private static string? CountryOf(Area area, Dictionary<string, Area> inFile, IReadOnlyDictionary<string, Area> known)
    {
        var current = area;
        for (var step = 0; step < 16; step++)
        {
            if (current.Level == 0 || current.ParentPcode is null)
                return current.CountryCode ?? (current.Level == 0 && current.Pcode.Length == 3 ? current.Pcode : null);
            if (!inFile.TryGetValue(current.ParentPcode, out var parent) && !known.TryGetValue(current.ParentPcode, out parent))
                return null;
            if (parent.CountryCode is { } code)
                return code;
            current = parent;
        }
        return null;
    }

    private void Reject(long row, string column, string? value, string reason) =>
        _issues.Add(new ImportIssue(_file, _sheet, row, column, value, reason));

    private void Warn(long row, string column, string? value, string reason) =>
        _warnings.Add(new ImportIssue(_file, _sheet, row, column, value, reason));
}
