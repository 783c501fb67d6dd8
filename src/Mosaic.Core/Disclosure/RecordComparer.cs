namespace Mosaic.Core.Disclosure;

/// <summary>
/// Compares quasi-identifier records value by value (ordinal, null equal to null), so equivalence classes are counted
/// without building a key string per record: with millions of records that allocation dominated the work.
/// </summary>
internal sealed class RecordComparer : IEqualityComparer<string?[]>
{
    public static RecordComparer Instance { get; } = new();

    public bool Equals(string?[]? x, string?[]? y)
    {
        if (ReferenceEquals(x, y))
            return true;
        if (x is null || y is null || x.Length != y.Length)
            return false;
        for (var i = 0; i < x.Length; i++)
        {
            if (!string.Equals(x[i], y[i], StringComparison.Ordinal))
                return false;
        }
        return true;
    }

    public int GetHashCode(string?[] obj)
    {
        var hash = new HashCode();
        foreach (var v in obj)
            hash.Add(v is null ? 0 : StringComparer.Ordinal.GetHashCode(v));
        return hash.ToHashCode();
    }
}
