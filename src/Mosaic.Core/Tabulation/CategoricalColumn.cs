namespace Mosaic.Core.Tabulation;

/// <summary>
/// A categorical view of a snapshot column: each row maps, through a lookup table over the stored raw value, to a
/// category index (0 = missing, 1.. = <see cref="Codes"/>). The lookup table is what makes banding, bit-unpacking
/// and area roll-up free in the hot loop.
/// </summary>
internal sealed class CategoricalColumn
{
    public CategoricalColumn(string name, FieldLevel level, string[] codes, string[] labels, int[] lookup,
        byte[]? bytes = null, ushort[]? shorts = null, int[]? ints = null, bool isYesNo = false, bool isOpen = false)
    {
        Name = name;
        Level = level;
        Codes = codes;
        Labels = labels;
        Lookup = lookup;
        Bytes = bytes;
        Shorts = shorts;
        Ints = ints;
        IsYesNo = isYesNo;
        IsOpen = isOpen;
    }

    public string Name { get; }

    public FieldLevel Level { get; }

    /// <summary>Category codes; index 0 is the missing category (empty code).</summary>
    public string[] Codes { get; }

    public string[] Labels { get; }

    /// <summary>Raw stored value → category index.</summary>
    public int[] Lookup { get; }

    public byte[]? Bytes { get; }

    public ushort[]? Shorts { get; }

    public int[]? Ints { get; }

    /// <summary>A yes/no field: usable bare as a condition (<c>remittances</c> means <c>remittances = 'yes'</c>).</summary>
    public bool IsYesNo { get; }

    /// <summary>Codes come from the data (P-codes, countries): an unknown code in a filter matches nothing instead of failing.</summary>
    public bool IsOpen { get; }

    public int Cardinality => Codes.Length;

    public int CodeAt(int row) =>
        Lookup[Bytes is not null ? Bytes[row] : Shorts is not null ? Shorts[row] : Ints![row]];

    public int IndexOf(string code)
    {
        for (var i = 1; i < Codes.Length; i++)
        {
            if (string.Equals(Codes[i], code, StringComparison.Ordinal))
                return i;
        }
        return -1;
    }
}
