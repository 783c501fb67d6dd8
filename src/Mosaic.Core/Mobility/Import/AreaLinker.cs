using Mosaic.Core.Areas;
using Mosaic.Core.Import;

namespace Mosaic.Core.Mobility.Import;

/// <summary>
/// Links imported locations to the P-code tree: by P-code first; failing that, by name among the areas of the
/// same country and level (under the linked parent when there is one). Unknown P-codes and name-only links are
/// reported once per distinct code with the number of records concerned; the records are always kept.
/// </summary>
internal sealed class AreaLinker
{
    private readonly Dictionary<string, Area> _byPcode;
    private readonly Dictionary<(string Country, int Level, string Name), List<Area>> _byName = [];
    private readonly Dictionary<(int Level, string? Pcode, string? Name), Finding> _findings = [];

    public AreaLinker(IReadOnlyList<Area> areas)
    {
        _byPcode = new Dictionary<string, Area>(areas.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var a in areas)
            _byPcode[a.Pcode] = a;
        foreach (var a in areas)
        {
            var country = a.CountryCode ?? CountryOf(a);
            if (country is null)
                continue;
            var key = (country, a.Level, Normalize(a.Name));
            if (!_byName.TryGetValue(key, out var list))
                _byName[key] = list = [];
            list.Add(a);
        }
    }

    /// <summary>Whether the tree has any area at all (when not, every P-code is unknown: say so once).</summary>
    public bool IsEmpty => _byPcode.Count == 0;

    /// <summary>Links a location; remembers what to report.</summary>
    public (string? Pcode, AreaMatch Match) Link(AssessmentLocation location, string file, string? sheet, long row)
    {
        if (location.LocalPcode is { } local)
            return _byPcode.TryGetValue(local, out var area) ? (area.Pcode, AreaMatch.Pcode) : Note(location.AdminLevel, local, location.LocalName, null, file, sheet, row);
        string? parent = null;
        var match = AreaMatch.Pcode;
        for (var level = 0; level <= Math.Min(location.AdminLevel, 2); level++)
        {
            var (code, name) = level switch
            {
                0 => (location.Admin0Pcode, location.Admin0Name),
                1 => (location.Admin1Pcode, location.Admin1Name),
                _ => (location.Admin2Pcode, location.Admin2Name),
            };
            if (code is not null && _byPcode.TryGetValue(code, out var exact))
            {
                parent = exact.Pcode;
                continue;
            }
            var (linked, how) = Note(level, code, name, parent is null ? null : _byPcode[parent], file, sheet, row, location.Admin0Pcode);
            if (linked is null)
                return (null, AreaMatch.Unknown);
            parent = linked;
            match = how;
        }
        return (parent, match);
    }

    private (string? Pcode, AreaMatch Match) Note(int level, string? code, string? name, Area? parent, string file, string? sheet, long row, string? country = null)
    {
        Area? found = null;
        var ambiguous = false;
        var countryCode = parent?.CountryCode ?? (parent is null ? null : CountryOf(parent)) ?? country;
        if (name is not null && countryCode is not null && level > 0 &&
            _byName.TryGetValue((countryCode, level, Normalize(name)), out var candidates))
        {
            var fitting = parent is null ? candidates : candidates.Where(c => c.ParentPcode == parent.Pcode).ToList();
            if (fitting.Count == 1)
                found = fitting[0];
            else
                ambiguous = fitting.Count > 1;
        }
        var key = (level, code, name);
        if (!_findings.TryGetValue(key, out var finding))
        {
            var column = level switch { 0 => "admin0Pcode", 1 => "admin1Pcode", 2 => "admin2Pcode", _ => "location" };
            var reason = found is not null
                ? $"P-code {code ?? "(none)"} is not in the area table; linked by name '{name}' to {found.Pcode} ({found.Name})"
                : ambiguous
                    ? $"P-code {code ?? "(none)"} is not in the area table and the name '{name}' fits several areas; kept without an area link"
                    : $"unknown P-code {code ?? "(none)"} ('{name}'); kept without an area link" + (IsEmpty ? " (no areas in the database: import the P-code table first)" : "");
            _findings[key] = finding = new Finding(new ImportIssue(file, sheet, row, column, code, reason));
        }
        finding.Records++;
        return found is null ? (null, AreaMatch.Unknown) : (found.Pcode, AreaMatch.NameOnly);
    }

    /// <summary>One issue per distinct unknown or name-matched code, with the number of records it concerns.</summary>
    public IReadOnlyList<ImportIssue> Findings() =>
        [.. _findings.Values.Select(f => f.Issue with { Reason = $"{f.Issue.Reason} [{f.Records} record(s) from this row on]" })];

    private string? CountryOf(Area area)
    {
        var a = area;
        for (var guard = 0; guard < 12 && a is not null; guard++)
        {
            if (a.Level == 0)
                return a.Pcode;
            if (a.ParentPcode is null || !_byPcode.TryGetValue(a.ParentPcode, out a))
                return null;
        }
        return null;
    }

    /// <summary>Letters and digits only, lower case: "Chari-Baguirmi" and "Chari Baguirmi" are the same name.</summary>
    internal static string Normalize(string name)
    {
        Span<char> buffer = stackalloc char[Math.Min(name.Length, 256)];
        var n = 0;
        foreach (var c in name)
        {
            if (n == buffer.Length)
                break;
            if (char.IsLetterOrDigit(c))
                buffer[n++] = char.ToLowerInvariant(c);
        }
        return new string(buffer[..n]);
    }

    private sealed class Finding(ImportIssue issue)
    {
        public ImportIssue Issue { get; } = issue;

        public int Records { get; set; }
    }
}
