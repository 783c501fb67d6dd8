using System.Globalization;

namespace Mosaic.Core.Microdata;

/// <summary>
/// The rows of a microdata file as written: the (suppressed) key values, then the other fields, in an order that
/// follows from their values only, so that it says nothing about the order of registration.
/// </summary>
internal static class MicrodataRows
{
    /// <summary>
    /// One row per record, sorted by its values: on the rows' packed numbers (<see cref="PackedRows"/>) when their
    /// columns fit in 64 bits, else by comparing the rows value by value.
    /// </summary>
    public static IReadOnlyList<string?[]> Combine(IReadOnlyList<string?[]> keys, IReadOnlyList<string?[]> rows, int keyCount)
    {
        if (PackedRows.Create(keys, rows, keyCount) is { } packing)
        {
            var codes = new ulong[rows.Count];
            for (var i = 0; i < codes.Length; i++)
                codes[i] = packing.Encode(keys[i], rows[i], keyCount);
            Array.Sort(codes);
            return packing.Rows(codes, null);
        }
        var result = new List<string?[]>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
            result.Add(Row(keys[i], rows[i], keyCount, 0));
        result.Sort(Compare);
        return result;
    }

    /// <summary>
    /// One row per record with its household number first: each household's rows sorted by their values, households
    /// sorted by their rows, numbered 1, 2, … in that order. The number is the file's own (no registry id), and two
    /// exports of the same records number them alike.
    /// </summary>
    /// <param name="households">Each record's household (the records of one household share it).</param>
    public static IReadOnlyList<string?[]> CombineByHousehold(IReadOnlyList<string?[]> keys, IReadOnlyList<string?[]> rows, int keyCount, IReadOnlyList<int> households)
    {
        if (PackedRows.Create(keys, rows, keyCount) is { } packing)
            return PackedByHousehold(packing, keys, rows, keyCount, households);
        var combined = new string?[rows.Count][];
        for (var i = 0; i < rows.Count; i++)
            combined[i] = Row(keys[i], rows[i], keyCount, 1);

        var order = new int[rows.Count];
        var byHousehold = new int[rows.Count];
        for (var i = 0; i < order.Length; i++)
            (order[i], byHousehold[i]) = (i, households[i]);
        // Records come from the snapshot household by household; sort only if a caller's do not.
        if (!IsNonDecreasing(byHousehold))
            Array.Sort(byHousehold, order);

        var groups = new List<(int Start, int Length)>();
        for (var start = 0; start < order.Length;)
        {
            var end = start + 1;
            while (end < order.Length && byHousehold[end] == byHousehold[start])
                end++;
            Array.Sort(order, start, end - start, Comparer<int>.Create((a, b) => Compare(combined[a], combined[b])));
            groups.Add((start, end - start));
            start = end;
        }
        groups.Sort((x, y) =>
        {
            for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
            {
                var c = Compare(combined[order[x.Start + i]], combined[order[y.Start + i]]);
                if (c != 0)
                    return c;
            }
            return x.Length.CompareTo(y.Length);
        });

        var result = new List<string?[]>(rows.Count);
        for (var g = 0; g < groups.Count; g++)
        {
            var number = (g + 1).ToString(CultureInfo.InvariantCulture);
            var (start, length) = groups[g];
            for (var i = start; i < start + length; i++)
            {
                var row = combined[order[i]];
                row[0] = number;
                result.Add(row);
            }
        }
        return result;
    }

    /// <summary>As <see cref="CombineByHousehold"/>, on the rows' packed numbers.</summary>
    private static IReadOnlyList<string?[]> PackedByHousehold(PackedRows packing, IReadOnlyList<string?[]> keys, IReadOnlyList<string?[]> rows,
        int keyCount, IReadOnlyList<int> households)
    {
        var codes = new ulong[rows.Count];
        var byHousehold = new int[rows.Count];
        for (var i = 0; i < codes.Length; i++)
            (codes[i], byHousehold[i]) = (packing.Encode(keys[i], rows[i], keyCount), households[i]);
        if (!IsNonDecreasing(byHousehold))
            Array.Sort(byHousehold, codes);

        var groups = new List<(int Start, int Length)>();
        for (var start = 0; start < codes.Length;)
        {
            var end = start + 1;
            while (end < codes.Length && byHousehold[end] == byHousehold[start])
                end++;
            Array.Sort(codes, start, end - start);
            groups.Add((start, end - start));
            start = end;
        }
        groups.Sort((x, y) => codes.AsSpan(x.Start, x.Length).SequenceCompareTo(codes.AsSpan(y.Start, y.Length)));

        var ordered = new ulong[codes.Length];
        var numbers = new int[codes.Length];
        var at = 0;
        for (var g = 0; g < groups.Count; g++)
        {
            var (start, length) = groups[g];
            codes.AsSpan(start, length).CopyTo(ordered.AsSpan(at));
            numbers.AsSpan(at, length).Fill(g + 1);
            at += length;
        }
        return packing.Rows(ordered, numbers);
    }

    private static string?[] Row(string?[] keys, string?[] fields, int keyCount, int offset)
    {
        var row = new string?[fields.Length + offset];
        Array.Copy(fields, 0, row, offset, fields.Length);
        Array.Copy(keys, 0, row, offset, keyCount);
        return row;
    }

    private static bool IsNonDecreasing(int[] values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] < values[i - 1])
                return false;
        }
        return true;
    }

    private static int Compare(string?[] a, string?[] b)
    {
        for (var c = 0; c < a.Length; c++)
        {
            var order = string.CompareOrdinal(a[c], b[c]);
            if (order != 0)
                return order;
        }
        return 0;
    }
}
