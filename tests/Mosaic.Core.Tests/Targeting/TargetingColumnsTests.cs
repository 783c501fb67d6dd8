using Mosaic.Core.Targeting;

namespace Mosaic.Core.Tests.Targeting;

/// <summary>
/// The compact columns a target list is ranked from: welfare kept exactly (as indices into its distinct values, or
/// as the values once there are too many), the poor line found without a sorted copy equal to the sorted copy's,
/// household ids as runs equal to the ids.
/// </summary>
public sealed class TargetingColumnsTests
{
    [Theory]
    [InlineData(1_000, 50)]
    [InlineData(70_000, 70_000)] // more distinct values than two bytes index: the values themselves from then on
    public void Welfare_IsKeptExactly_WhetherCodedOrNot(int households, int distinct)
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, households).Select(i => i % 17 == 0 ? double.NaN : distinct < 1000 ? Math.Round(random.NextDouble() * distinct) - distinct / 3.0 : random.NextDouble() * 1e6).ToArray();
        values[3] = -0.0;
        values[4] = 0.0;
        var builder = new WelfareColumn.Builder(households);
        foreach (var v in values)
            builder.Add(v);
        var column = builder.Build();

        Assert.Equal(distinct < 1000, column.Coded);
        for (var h = 0; h < households; h++)
        {
            if (double.IsNaN(values[h]))
                Assert.True(double.IsNaN(column[h]));
            else
                Assert.Equal(BitConverter.DoubleToInt64Bits(values[h]), BitConverter.DoubleToInt64Bits(column[h]));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void PoorLine_IsTheKthValueOfTheSortedMarkedValues(int seed)
    {
        var random = new Random(seed);
        const int n = 5_000;
        // Negative and positive, both zeros, many ties, infinities and missing values (never marked).
        var values = Enumerable.Range(0, n).Select(_ => random.Next(6) switch
        {
            0 => -random.Next(50) * 1.5,
            1 => random.Next(3) == 0 ? -0.0 : 0.0,
            2 => random.NextDouble() * 1e6,
            3 => random.Next(40) * 0.25,
            4 => double.NaN,
            _ => random.Next(2) == 0 ? double.PositiveInfinity : 1e-300 * random.Next(5),
        }).ToArray();
        var builder = new WelfareColumn.Builder(n);
        foreach (var v in values)
            builder.Add(v);
        var column = builder.Build();
        var marked = new ulong[(n + 63) / 64];
        var kept = new List<double>();
        for (var h = 0; h < n; h++)
        {
            if (double.IsFinite(values[h]) && random.Next(4) != 0)
            {
                marked[h >> 6] |= 1UL << h;
                kept.Add(values[h]);
            }
        }
        var sorted = kept.ToArray();
        Array.Sort(sorted);
        foreach (var k in new[] { 1, 2, sorted.Length / 3, sorted.Length / 2, sorted.Length - 1, sorted.Length })
            Assert.Equal(0, ColumnTargeter.KthSmallest(column, marked, k).CompareTo(sorted[k - 1]));
    }

    [Fact]
    public void HouseholdIds_AsRuns_AreTheIds()
    {
        long[] ids = [1, 2, 3, 7, 8, 20, 21, 22, 23, 100, 1_000_000_000_000];
        var builder = new HouseholdIdRuns.Builder();
        foreach (var id in ids)
            Assert.True(builder.TryAdd(id));
        Assert.False(builder.TryAdd(5));
        var runs = builder.Build();
        Assert.Equal(5, runs.Runs);
        Assert.Equal(ids, Enumerable.Range(0, ids.Length).Select(i => runs[i]));
        var read = new List<long>();
        for (var cursor = new HouseholdIdRuns.Cursor(runs); !cursor.AtEnd; cursor.Next())
            read.Add(cursor.Current);
        Assert.Equal(ids, read);
    }
}
