
namespace Mosaic.Core.Import.Csv;

/// <summary>Finds columns in a header row by any of several names (case-insensitive), including HXL tags.</summary>
internal sealed class HeaderIndex
{
    private readonly string[] _header;
    private readonly Dictionary<string, int> _byName = new(StringComparer.OrdinalIgnoreCase);

    public HeaderIndex(IReadOnlyList<string> header)
    {
        _header = [.. header];
        for (var i = 0; i < _header.Length; i++)
            _byName.TryAdd(_header[i].Trim(), i);
    }

    /// <summary>The header text of a column.</summary>
    public string Name(int column) => _header[column];

    /// <summary>Index of the first column matching one of the names, or null.</summary>
    public int? Find(params string[] names)
    {
        foreach (var n in names)
        {
            if (_byName.TryGetValue(n, out var i))
                return i;
        }
        return null;
    }

    /// <summary>Whether a record is an HXL hashtag row (every non-empty cell starts with '#').</summary>
    public static bool IsHxlRow(IReadOnlyList<string> fields)
    {
        var any = false;
        foreach (var f in fields)
        {
            var t = f.AsSpan().Trim();
            if (t.IsEmpty)
                continue;
            if (t[0] != '#')
                return false;
            any = true;
        }
        return any;
    }

    /// <summary>COD-AB wide columns: (level, P-code column, name column) for ADM1…ADM6, ordered by level.</summary>
    public IReadOnlyList<(int Level, int PcodeColumn, int? NameColumn)> WideLevels()
    {
        var result = new List<(int, int, int?)>();
        for (var level = 0; level <= 6; level++)
        {
            var pcode = Find($"ADM{level}_PCODE", $"admin{level}Pcode", $"adm{level}_pcode");
            if (pcode is null)
                continue;
            var name = Find($"ADM{level}_EN", $"ADM{level}_NAME", $"admin{level}Name_en", $"adm{level}_name", $"ADM{level}_FR", $"ADM{level}_ES");
            result.Add((level, pcode.Value, name));
        }
        return result;
    }
}
