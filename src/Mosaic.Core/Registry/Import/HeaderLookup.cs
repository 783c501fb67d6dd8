namespace Mosaic.Core.Registry.Import;

/// <summary>
/// Finds a column by field name, case-insensitively: the full header first (so a mapping may name a full group
/// path), then the last segment of group paths (<c>grp/field</c> in Kobo, <c>grp-field</c> in ODK Central). The
/// option columns of a split select-multiple (<c>grp/q/option</c> beside <c>grp/q</c>) are found by full name only.
/// </summary>
internal sealed class HeaderLookup
{
    private readonly Dictionary<string, int> _full = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _segment = new(StringComparer.OrdinalIgnoreCase);

    public HeaderLookup(IReadOnlyList<string> headers)
    {
        var all = new HashSet<string>(headers, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < headers.Count; i++)
        {
            var h = headers[i];
            if (h.Length == 0)
                continue;
            _full.TryAdd(h, i);
            var slash = h.LastIndexOf('/');
            // A Kobo split select-multiple column (hh/coping/savings beside hh/coping) is an option of that question,
            // never the field named by its last segment.
            if (slash >= 0 && slash < h.Length - 1 && !all.Contains(h[..slash]))
                _segment.TryAdd(h[(slash + 1)..], i);
        }
        // ODK Central joins group paths with '-'; only used when no '/'-path or full name matched.
        for (var i = 0; i < headers.Count; i++)
        {
            var h = headers[i];
            var dash = h.LastIndexOf('-');
            if (h.IndexOf('/', StringComparison.Ordinal) < 0 && dash > 0 && dash < h.Length - 1)
                _segment.TryAdd(h[(dash + 1)..], i);
        }
    }

    /// <summary>The column of the first name that matches, or -1.</summary>
    public int Find(IReadOnlyList<string> names)
    {
        foreach (var n in names)
        {
            if (_full.TryGetValue(n, out var i))
                return i;
        }
        foreach (var n in names)
        {
            if (_segment.TryGetValue(n, out var i))
                return i;
        }
        return -1;
    }

    /// <summary>The column named exactly (or by last segment), or -1.</summary>
    public int Find(string name) => Find([name]);
}
