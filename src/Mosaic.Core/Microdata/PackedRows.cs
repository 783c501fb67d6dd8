using System.Collections;
using System.Globalization;
using System.Numerics;

namespace Mosaic.Core.Microdata;

/// <summary>
/// The rows of a microdata file packed into one number each: every column holds few distinct values (codes shared by
/// the snapshot's columns, <c>*</c>, missing), so a row is its columns' ranks side by side, the first column in the
/// highest bits, each value ranked in ordinal order with missing first. Sorting the numbers then sorts the rows
/// exactly as comparing them value by value would; at millions of rows that comparison sort dominated the export
/// (string arrays compared column by column) and its copies of the rows its memory.
/// </summary>
internal sealed class PackedRows
{
    private readonly string?[][] _values;
    private readonly int[] _shift;
    private readonly ulong[] _mask;
    private readonly Dictionary<string, int>[] _rank;

    private PackedRows(string?[][] values, int[] shift, ulong[] mask)
    {
        _values = values;
        _shift = shift;
        _mask = mask;
        _rank = [.. values.Select(v => v.Select((value, rank) => (value, rank)).Where(p => p.value is not null)
            .ToDictionary(p => p.value!, p => p.rank, StringComparer.Ordinal))];
    }

    /// <summary>Columns of a row.</summary>
    public int Columns => _values.Length;

    /// <summary>The packing of these rows, or null when their columns need more than 64 bits.</summary>
    /// <param name="keys">Each record's key values as written (after local suppression), the first columns.</param>
    /// <param name="rows">Each record's full row; its first <paramref name="keyCount"/> values are replaced by <paramref name="keys"/>.</param>
    public static PackedRows? Create(IReadOnlyList<string?[]> keys, IReadOnlyList<string?[]> rows, int keyCount)
    {
        var columns = rows.Count == 0 ? 0 : rows[0].Length;
        var distinct = new HashSet<string>[columns];
        for (var c = 0; c < columns; c++)
            distinct[c] = new HashSet<string>(StringComparer.Ordinal);
        var last = new string?[columns];
        for (var i = 0; i < rows.Count; i++)
        {
            for (var c = 0; c < columns; c++)
            {
                var value = c < keyCount ? keys[i][c] : rows[i][c];
                // Neighbouring rows mostly repeat the same shared code: skip the hash lookup for them.
                if (value is null || ReferenceEquals(value, last[c]))
                    continue;
                last[c] = value;
                distinct[c].Add(value);
            }
        }
        var values = new string?[columns][];
        var shift = new int[columns];
        var mask = new ulong[columns];
        var bits = 0;
        for (var c = columns - 1; c >= 0; c--)
        {
            // Missing ranks first, as string.CompareOrdinal puts null before every string.
            var ordered = distinct[c].Order(StringComparer.Ordinal).ToList();
            values[c] = [null, .. ordered];
            var width = 64 - BitOperations.LeadingZeroCount((ulong)values[c].Length - 1);
            shift[c] = bits;
            mask[c] = width == 0 ? 0 : (1UL << width) - 1;
            bits += width;
            if (bits > 64)
                return null;
        }
        return new PackedRows(values, shift, mask);
    }

    /// <summary>One record's row as a number.</summary>
    public ulong Encode(string?[] keys, string?[] row, int keyCount)
    {
        ulong code = 0;
        for (var c = 0; c < _values.Length; c++)
        {
            var value = c < keyCount ? keys[c] : row[c];
            var rank = value is null ? 0 : _rank[c][value];
            code |= (ulong)rank << _shift[c];
        }
        return code;
    }

    /// <summary>Writes the row a number stands for into <paramref name="into"/> from <paramref name="offset"/>.</summary>
    public void Decode(ulong code, string?[] into, int offset)
    {
        for (var c = 0; c < _values.Length; c++)
            into[offset + c] = _values[c][(int)((code >> _shift[c]) & _mask[c])];
    }

    /// <summary>
    /// Rows in the order given by <paramref name="codes"/>, decoded as they are read (a fresh array each, so the file
    /// writer holds one row at a time), with the household number first when <paramref name="households"/> is given.
    /// </summary>
    public IReadOnlyList<string?[]> Rows(ulong[] codes, int[]? households) => new DecodedRows(this, codes, households);

    private sealed class DecodedRows(PackedRows packing, ulong[] codes, int[]? households) : IReadOnlyList<string?[]>
    {
        public int Count => codes.Length;

        public string?[] this[int index]
        {
            get
            {
                var offset = households is null ? 0 : 1;
                var row = new string?[packing.Columns + offset];
                if (households is not null)
                    row[0] = households[index].ToString(CultureInfo.InvariantCulture);
                packing.Decode(codes[index], row, offset);
                return row;
            }
        }

        public IEnumerator<string?[]> GetEnumerator()
        {
            for (var i = 0; i < codes.Length; i++)
                yield return this[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
