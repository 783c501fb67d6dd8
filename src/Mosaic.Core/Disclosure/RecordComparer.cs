namespace Mosaic.Core.Disclosure;

/// <summary>
/// Compares quasi-identifier records value by value (ordinal, null equal to null), so equivalence classes are counted
/// without building a key string per record: with millions of records that allocation dominated the work.
/// </summary>
internal sealed class RecordComparer : IEqualityComparer<string?[]>
{
    private readonly int? _width;

    private RecordComparer(int? width) => _width = width;

    /// <summary>Compares whole records.</summary>
    public static RecordComparer Instance { get; } = new(null);

    /// <summary>
    /// Compares the first <paramref name="width"/> values only: the key columns of full rows, so that measuring a
    /// file's risk needs no copy of its keys (a copy per record of a few million records).
    /// </summary>
    public static RecordComparer Prefix(int width) => new(width);

    public bool Equals(string?[]? x, string?[]? y)
    {
        if (ReferenceEquals(x, y))
            return true;
        if (x is null || y is null)
            return false;
        if (_width is null && x.Length != y.Length)
            return false;
        var width = _width ?? x.Length;
        for (var i = 0; i < width; i++)
        {
            if (!string.Equals(x[i], y[i], StringComparison.Ordinal))
                return false;
        }
        return true;
    }

    public int GetHashCode(string?[] obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var hash = new HashCode();
        var width = _width ?? obj.Length;
        for (var i = 0; i < width; i++)
            hash.Add(obj[i] is { } v ? StringComparer.Ordinal.GetHashCode(v) : 0);
        return hash.ToHashCode();
    }
}
