using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Tests.Disclosure.Oracle;

namespace Mosaic.Core.Tests.Disclosure;

public sealed class DisclosureControlTests
{
    private const int K = 5;

    /// <summary>Suppressed cells whose interval (by the independent exact LP) is narrower than K.</summary>
    internal static List<string> NarrowCells(LinkedTable table, long[] values, CellStatus[] status)
    {
        var suppressed = status.Select(s => s != CellStatus.Published).ToArray();
        var narrow = new List<string>();
        foreach (var (cell, (min, max)) in IntruderOracle.Intervals(table, suppressed, values))
        {
            if (max is { } m && (m - min) < Rational.Of(K))
                narrow.Add($"cell {cell} = {values[cell]} in [{min}, {m}]");
        }
        return narrow;
    }

    [Property(MaxTest = 120)]
    public Property Hypercube_KeepsEverySuppressedCellsIntervalAtLeastKWide_UnderNonNegativity() =>
        Prop.ForAll(SmallTable.Arbitrary(), t =>
        {
            var values = t.Contributors();
            var outcome = DisclosureControl.Protect(t.Table, values, K);
            var narrow = NarrowCells(t.Table, values, outcome.Status);
            return (narrow.Count == 0).Label(string.Join("; ", narrow));
        });

    [Property(MaxTest = 40)]
    public Property Optimal_KeepsEverySuppressedCellsIntervalAtLeastKWide_UnderNonNegativity() =>
        Prop.ForAll(SmallTable.Arbitrary(4), t =>
        {
            var values = t.Contributors();
            var outcome = DisclosureControl.Protect(t.Table, values, K, SecondaryMethod.Optimal);
            var narrow = NarrowCells(t.Table, values, outcome.Status);
            return (narrow.Count == 0).Label(string.Join("; ", narrow));
        });

    [Property(MaxTest = 40)]
    public Property Optimal_NeverSuppressesMoreCellsThanTheFastMethod() =>
        Prop.ForAll(SmallTable.Arbitrary(4), t =>
        {
            var values = t.Contributors();
            var fast = DisclosureControl.Protect(t.Table, values, K);
            var optimal = DisclosureControl.Protect(t.Table, values, K, SecondaryMethod.Optimal);
            return (optimal.SuppressedCells <= fast.SuppressedCells).Label($"optimal {optimal.SuppressedCells}, fast {fast.SuppressedCells}");
        });

    [Property(MaxTest = 60)]
    public Property Optimal_OnTwoDimensionalTables_SuppressesAsFewCellsAsTheSmallestSafePattern() =>
        Prop.ForAll(SmallTable.Arbitrary(2), t =>
        {
            var values = t.Contributors();
            var optimal = DisclosureControl.Protect(t.Table, values, K, SecondaryMethod.Optimal);
            var smallest = SmallestSafePattern(t.Table, values);
            return (optimal.SuppressedCells == smallest).Label($"optimal {optimal.SuppressedCells}, smallest safe pattern {smallest}");
        });

    /// <summary>
    /// The fewest cells a safe pattern can suppress, by enumeration: every set of cells that holds the sensitive ones,
    /// smallest first, until the exact intruder finds every suppressed cell at least K wide.
    /// </summary>
    internal static int SmallestSafePattern(LinkedTable table, long[] values)
    {
        var sensitive = Enumerable.Range(0, table.Size).Where(i => values[i] > 0 && values[i] < K).ToList();
        var others = Enumerable.Range(0, table.Size).Except(sensitive).ToList();
        for (var size = 0; size <= others.Count; size++)
        {
            foreach (var chosen in Combinations(others, size))
            {
                var suppressed = new bool[table.Size];
                foreach (var c in sensitive.Concat(chosen))
                    suppressed[c] = true;
                if (!suppressed.Any(x => x) || (NoLoneCellOnALine(table, suppressed) && NarrowCells(table, values, Status(suppressed)).Count == 0))
                    return sensitive.Count + size;
            }
        }
        return table.Size;
    }

    private static CellStatus[] Status(bool[] suppressed) => [.. suppressed.Select(x => x ? CellStatus.SecondarySuppressed : CellStatus.Published)];

    /// <summary>A quick necessary condition before the LPs: a suppressed cell alone on a line is its total minus the rest.</summary>
    private static bool NoLoneCellOnALine(LinkedTable table, bool[] suppressed)
    {
        var coords = new int[table.Dimensions];
        for (var i = 0; i < table.Size; i++)
        {
            if (!suppressed[i])
                continue;
            table.Coords(i, coords);
            for (var d = 0; d < table.Dimensions; d++)
            {
                var others = 0;
                for (var j = 0; j < table.Extents[d]; j++)
                {
                    if (j != coords[d] && suppressed[i + (j - coords[d]) * table.Strides[d]])
                        others++;
                }
                if (others == 0)
                    return false;
            }
        }
        return true;
    }

    private static IEnumerable<int[]> Combinations(List<int> items, int size)
    {
        if (size == 0)
        {
            yield return [];
            yield break;
        }
        for (var first = 0; first <= items.Count - size; first++)
        {
            foreach (var rest in Combinations(items[(first + 1)..], size - 1))
                yield return [items[first], .. rest];
        }
    }

    [Property(MaxTest = 200)]
    public Property Protect_NeverPublishesACellOfOneToKMinusOne() =>
        Prop.ForAll(SmallTable.Arbitrary(), t =>
        {
            var values = t.Contributors();
            var outcome = DisclosureControl.Protect(t.Table, values, K);
            return Enumerable.Range(0, values.Length).All(i => outcome.Status[i] != CellStatus.Published || values[i] == 0 || values[i] >= K);
        });

    [Property(MaxTest = 100)]
    public Property Protect_ReportsAsManySuppressedCellsAsItMarks() =>
        Prop.ForAll(SmallTable.Arbitrary(), t =>
        {
            var outcome = DisclosureControl.Protect(t.Table, t.Contributors(), K);
            return outcome.SuppressedCells == outcome.Status.Count(s => s != CellStatus.Published)
                && outcome.PrimaryCells == outcome.Status.Count(s => s == CellStatus.PrimarySuppressed);
        });

    [Fact]
    public void Oracle_WithOnlyTheSmallCellSuppressed_PinsItExactly()
    {
        // Guards the oracle itself: one hidden cell in a row with its total published is plainly recoverable.
        var table = new LinkedTable([3]);
        long[] values = [2, 10, 20, 32];
        var intervals = IntruderOracle.Intervals(table, [false, true, false, false], values);
        Assert.Equal(Rational.Of(10), intervals[1].Min);
        Assert.Equal(Rational.Of(10), intervals[1].Max);
    }

    [Fact]
    public void Oracle_WithARectangleWhoseMustGoDownCornerIsEmpty_PinsTheSmallCellToZeroOrOne()
    {
        // The Nayarhat case: the old hypercube took an empty cell as a corner that has to go down, so with
        // non-negative counts the box can only move down by 1: the cell of 1 is known to be 0 or 1.
        var table = new LinkedTable([2, 2]);
        long[] values = [1, 7039, 7040, 0, 10, 10, 1, 7049, 7050];
        var suppressed = new bool[9];
        foreach (var c in new[] { 0, 1, 3, 4 })
            suppressed[c] = true;
        var intervals = IntruderOracle.Intervals(table, suppressed, values);
        Assert.Equal(Rational.Zero, intervals[0].Min);
        Assert.Equal(Rational.One, intervals[0].Max);
    }

    [Fact]
    public void Protect_TheNayarhatCase_LeavesTheSmallCellAtLeastKWide()
    {
        var table = new LinkedTable([2, 2]);
        long[] values = [1, 7039, 7040, 0, 10, 10, 1, 7049, 7050];
        var outcome = DisclosureControl.Protect(table, values, K);
        Assert.Empty(NarrowCells(table, values, outcome.Status));
        Assert.NotEqual(CellStatus.Published, outcome.Status[0]);
    }

    [Fact]
    public void Protect_WithOneSmallCell_SuppressesAFourCellRectangleAndReportsThePopulation()
    {
        var table = new LinkedTable([2, 2]);
        long[] values = [3, 20, 23, 30, 40, 70, 33, 60, 93];
        var outcome = DisclosureControl.Protect(table, values, K);
        Assert.Equal(1, outcome.PrimaryCells);
        Assert.Equal(3, outcome.SecondaryCells);
        Assert.Equal(93, outcome.SuppressedContributors);
        Assert.Equal(93, outcome.TotalContributors);
        Assert.Empty(NarrowCells(table, values, outcome.Status));
    }

    [Fact]
    public void Protect_WithKOfOne_SuppressesNothing()
    {
        var table = new LinkedTable([2]);
        long[] contributors = [1, 2, 3];
        Assert.Equal(0, DisclosureControl.Protect(table, contributors, 1).SuppressedCells);
    }
}
