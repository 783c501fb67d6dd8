
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

    /// <summary>The header row as read.</summary>
    public IReadOnlyList<string> Headers => _header;

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
}
