using System.Globalization;
using Mosaic.Core.Import;
using Mosaic.Core.Import.Csv;

namespace Mosaic.Core.Areas.Import;

/// <summary>
/// Reads COD P-code tables: the long global layout (<c>Location, Admin Level, P-Code, Name, Parent P-Code,
/// Valid from date</c>, one row per area) and the wide COD-AB layout (<c>ADM1_EN, ADM1_PCODE, ADM2_EN, …</c>,
/// one row per lowest-level area). An HXL hashtag row and a UTF-8 BOM are tolerated. Countries referenced
/// as parents but not listed get a level-0 area named by their code.
/// </summary>
internal static class PcodeTableReader
{
    /// <summary>Reads a table; issues name the row and column of every bad row.</summary>
    public static AreaFile Read(ImportSource source, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var csv = CsvReader.Open(source, options ?? CsvReadOptions.Default);
        var file = source.Name;
        if (!csv.Read())
            return new AreaFile([], [new ImportIssue(file, null, 1, null, null, "the file is empty")]);
        var header = csv.Fields.Select(h => h.Trim()).ToArray();
        var columns = new HeaderIndex(header);
        if (columns.Find("p-code", "pcode", "#adm+code") is { } pcodeCol && columns.Find("admin level", "level", "#geo+admin_level") is { } levelCol)
            return ReadLong(csv, file, columns, pcodeCol, levelCol);
        if (WideLevels(columns).Count > 0)
            return ReadWide(csv, file, columns);
        return new AreaFile([], [new ImportIssue(file, null, 1, null, string.Join(',', header),
            "not a P-code table: expected columns 'P-Code' and 'Admin Level' (global table) or 'ADM1_PCODE', 'ADM1_EN', … (COD-AB table)")]);
    }

    private static AreaFile ReadLong(CsvReader csv, string file, HeaderIndex columns, int pcodeCol, int levelCol)
    {
        var nameCol = columns.Find("name", "#adm+name");
        var parentCol = columns.Find("parent p-code", "parent pcode", "parent", "#adm+code+parent");
        var countryCol = columns.Find("location", "country", "iso3", "#country+code");
        var validCol = columns.Find("valid from date", "valid_from", "#date+start");
        var areas = new Dictionary<string, (Area Area, long Row)>(StringComparer.Ordinal);
        var issues = new List<ImportIssue>();
        while (csv.Read())
        {
            var f = csv.Fields;
            if (HeaderIndex.IsHxlRow(f))
                continue;
            var row = csv.RecordNumber;
            string Get(int? col) => col is { } c && c < f.Count ? f[c].Trim() : "";
            var pcode = Get(pcodeCol);
            var name = Get(nameCol);
            if (pcode.Length == 0)
            {
                issues.Add(new ImportIssue(file, null, row, columns.Name(pcodeCol), null, "P-code is empty"));
                continue;
            }
            if (!int.TryParse(Get(levelCol), NumberStyles.None, CultureInfo.InvariantCulture, out var level) || level > 10)
            {
                issues.Add(new ImportIssue(file, null, row, columns.Name(levelCol), Get(levelCol), "admin level must be a whole number 0–10"));
                continue;
            }
            if (name.Length == 0)
            {
                issues.Add(new ImportIssue(file, null, row, nameCol is null ? "Name" : columns.Name(nameCol.Value), null, "name is empty"));
                continue;
            }
            DateOnly? validFrom = null;
            var validText = Get(validCol);
            if (validText.Length > 0)
            {
                if (!DateOnly.TryParse(validText, CultureInfo.InvariantCulture, out var d))
                {
                    issues.Add(new ImportIssue(file, null, row, columns.Name(validCol!.Value), validText, "not a date (expected YYYY-MM-DD)"));
                    continue;
                }
                validFrom = d;
            }
            var country = Get(countryCol);
            var parent = Get(parentCol);
            var area = new Area(pcode, name, level, parent.Length == 0 ? (level > 0 && country.Length > 0 ? country : null) : parent)
            {
                CountryCode = country.Length == 0 ? null : country,
                ValidFrom = validFrom,
            };
            AddOnce(areas, area, issues, file, row, columns.Name(pcodeCol));
        }
        AddMissingCountries(areas);
        return new AreaFile([.. areas.Values], issues);
    }

    private static AreaFile ReadWide(CsvReader csv, string file, HeaderIndex columns)
    {
        var levels = WideLevels(columns);
        var areas = new Dictionary<string, (Area Area, long Row)>(StringComparer.Ordinal);
        var issues = new List<ImportIssue>();
        // A level without a name column gets its P-codes as names (an existing area keeps its name): say so once.
        var warnings = levels.Where(l => l.NameColumn is null).Select(l => new ImportIssue(file, null, 1, columns.Name(l.PcodeColumn), null,
            $"warning: no name column for admin level {l.Level} (ADM{l.Level}_EN, ADM{l.Level}_FR, … or ADM{l.Level}_REF): " +
            "new areas of that level are named by their P-code")).ToList();
        while (csv.Read())
        {
            var f = csv.Fields;
            if (HeaderIndex.IsHxlRow(f))
                continue;
            string? parent = null;
            foreach (var (level, pcodeCol, nameCol) in levels)
            {
                var pcode = pcodeCol < f.Count ? f[pcodeCol].Trim() : "";
                if (pcode.Length == 0)
                    break;
                var name = nameCol is { } n && n < f.Count ? f[n].Trim() : "";
                var area = new Area(pcode, name.Length == 0 ? pcode : name, level, parent);
                AddOnce(areas, area, issues, file, csv.RecordNumber, columns.Name(pcodeCol));
                parent = pcode;
            }
        }
        return new AreaFile([.. areas.Values], issues, warnings);
    }

    /// <summary>COD-AB wide columns: (level, P-code column, name column) for ADM0…ADM6, ordered by level.</summary>
    private static List<(int Level, int PcodeColumn, int? NameColumn)> WideLevels(HeaderIndex columns)
    {
        var result = new List<(int, int, int?)>();
        for (var level = 0; level <= 6; level++)
        {
            if (columns.Find($"ADM{level}_PCODE", $"admin{level}Pcode", $"adm{level}_pcode") is { } pcode)
                result.Add((level, pcode, CodAbNames.Find(columns.Headers, level)));
        }
        return result;
    }

    private static void AddOnce(Dictionary<string, (Area Area, long Row)> areas, Area area, List<ImportIssue> issues, string file, long row, string column)
    {
        if (!areas.TryGetValue(area.Pcode, out var first))
        {
            areas.Add(area.Pcode, (area, row));
            return;
        }
        var existing = first.Area;
        if (existing.Name != area.Name || existing.Level != area.Level || existing.ParentPcode != area.ParentPcode)
        {
            issues.Add(new ImportIssue(file, null, row, column, area.Pcode,
                $"P-code listed twice with different content (first: '{existing.Name}', level {existing.Level}, parent {existing.ParentPcode ?? "none"})"));
        }
    }

    private static void AddMissingCountries(Dictionary<string, (Area Area, long Row)> areas)
    {
        var missing = areas.Values
            .Select(e => e.Area)
            .Where(a => a.Level == 1 && a.ParentPcode is not null && a.ParentPcode == a.CountryCode && !areas.ContainsKey(a.ParentPcode))
            .Select(a => a.ParentPcode!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var code in missing)
            areas.Add(code, (new Area(code, code, 0, null) { CountryCode = code }, 0));
    }
}
