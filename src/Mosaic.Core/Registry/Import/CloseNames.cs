namespace Mosaic.Core.Registry.Import;

/// <summary>Column names close to a mistyped one: same last segment in any case, or at most two edits away.</summary>
internal static class CloseNames
{
    /// <summary>Up to five headers close to <paramref name="name"/>, closest first.</summary>
    public static IReadOnlyList<string> Among(string name, IReadOnlyList<string> headers)
    {
        var wanted = Segment(name).ToLowerInvariant();
        return headers
            .Where(h => h.Length > 0)
            .Select(h => (Header: h, Distance: Distance(wanted, Segment(h).ToLowerInvariant())))
            .Where(x => x.Distance <= Math.Max(1, Math.Min(2, wanted.Length / 4)) || Overlaps(wanted, Segment(x.Header)))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Header, StringComparer.Ordinal)
            .Select(x => x.Header)
            .Take(5)
            .ToList();
    }

    /// <summary>One name inside the other (<c>age</c> / <c>age_yrs</c>), both at least three letters.</summary>
    private static bool Overlaps(string a, string b) =>
        a.Length >= 3 && b.Length >= 3 &&
        (a.Contains(b, StringComparison.OrdinalIgnoreCase) || b.Contains(a, StringComparison.OrdinalIgnoreCase));

    private static string Segment(string header)
    {
        var cut = Math.Max(header.LastIndexOf('/'), header.LastIndexOf('-'));
        return cut >= 0 && cut < header.Length - 1 ? header[(cut + 1)..] : header;
    }

    /// <summary>Levenshtein distance.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
