using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Mosaic.Core.Microdata;

namespace Mosaic.Core.Tests.Microdata;

/// <summary>
/// The order of a microdata file's rows, packed into numbers or compared value by value, against LINQ's ordinal
/// ordering of the same rows (missing first), and the household numbering against a regrouping done here.
/// </summary>
public sealed class MicrodataRowsTests
{
    private static readonly string?[] s_values = [null, "*", "a", "ab", "b", "BD55490917", "BD55490959", "female", "male"];

    /// <summary>Rows as index lists into <see cref="s_values"/>: a narrow file packs into 64 bits, a wide one does not.</summary>
    private static Arbitrary<int[][]> Files(int columns) =>
        Gen.Choose(0, s_values.Length - 1).ArrayOf(columns).NonEmptyListOf().Select(l => l.ToArray()).ToArbitrary();

    private static List<string?[]> Rows(int[][] file) => [.. file.Select(r => r.Select(v => s_values[v]).ToArray())];

    private static List<string> Expected(IEnumerable<string?[]> rows) =>
        [.. rows.Select(r => string.Join('|', r.Select(v => v ?? "<missing>")))];

    private static List<string?[]> SortedByLinq(List<string?[]> rows)
    {
        IOrderedEnumerable<string?[]> ordered = rows.OrderBy(r => r[0], StringComparer.Ordinal);
        for (var c = 1; c < rows[0].Length; c++)
        {
            var column = c;
            ordered = ordered.ThenBy(r => r[column], StringComparer.Ordinal);
        }
        return [.. ordered];
    }

    [Property(MaxTest = 100)]
    public Property NarrowRows_PackedAndSorted_AreInOrdinalOrder() =>
        Prop.ForAll(Files(4), file => CheckOrder(Rows(file), keyCount: 2));

    [Property(MaxTest = 30)]
    public Property WideRows_ThatDoNotFitInANumber_AreInOrdinalOrderToo() =>
        Prop.ForAll(Files(24), file =>
        {
            // Eight rows that give every column all eight values: 9 ranks with missing, 4 bits × 24 columns > 64.
            int[][] everyValue = [.. Enumerable.Range(1, 8).Select(v => Enumerable.Repeat(v, 24).ToArray())];
            var rows = Rows([.. everyValue, .. file]);
            Assert.Null(PackedRows.Create(rows, rows, 3));
            CheckOrder(rows, keyCount: 3);
        });

    [Fact]
    public void NarrowRows_FitInANumber()
    {
        var rows = Rows([[1, 2, 3, 4], [0, 5, 6, 7]]);
        Assert.NotNull(PackedRows.Create(rows, rows, 2));
    }

    private static void CheckOrder(List<string?[]> rows, int keyCount)
    {
        // The keys as written replace the first values: here every key is blanked in odd rows.
        var keys = rows.Select((r, i) => i % 2 == 1 ? Enumerable.Repeat<string?>("*", keyCount).ToArray() : r[..keyCount]).ToList();
        var written = rows.Select((r, i) => keys[i].Concat(r.Skip(keyCount)).ToArray()).ToList();
        Assert.Equal(Expected(SortedByLinq(written)), Expected(MicrodataRows.Combine(keys, rows, keyCount)));
    }

    [Property(MaxTest = 100)]
    public Property HouseholdNumbers_RegroupEachHouseholdsRows_InTheOrderOfTheirSortedRows() =>
        Prop.ForAll(Files(3), Gen.Choose(1, 4).ArrayOf().ToArbitrary(), (file, sizes) =>
        {
            var rows = Rows(file);
            // Consecutive households of the given sizes (the last takes what is left).
            var households = new int[rows.Count];
            for (int i = 0, h = 0, left = sizes.Length > 0 ? sizes[0] : rows.Count; i < rows.Count; i++, left--)
            {
                if (left == 0)
                {
                    h++;
                    left = h < sizes.Length ? sizes[h] : rows.Count;
                }
                households[i] = h;
            }
            var expected = Enumerable.Range(0, rows.Count).GroupBy(i => households[i])
                .Select(g => SortedByLinq([.. g.Select(i => rows[i])]))
                .Order(Comparer<List<string?[]>>.Create((x, y) => string.CompareOrdinal(Joined(x), Joined(y))))
                .SelectMany((g, n) => g.Select(r => (string?[])[(n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), .. r]))
                .ToList();

            var actual = MicrodataRows.CombineByHousehold(rows, rows, 3, households);
            Assert.Equal(Expected(expected), Expected(actual));
        });

    /// <summary>A household's sorted rows as one string that orders like comparing them row by row (values have no control characters).</summary>
    private static string Joined(List<string?[]> rows) =>
        string.Join('\u0002', rows.Select(r => string.Join('\u0001', r.Select(v => v is null ? "\u0000" : "\u0003" + v))));
}
