using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Mosaic.Core.Disclosure;

namespace Mosaic.Core.Tests.Disclosure;

/// <summary>
/// The optimal method's first stages (one valid box per sensitive cell chosen jointly, then the re-publish pass),
/// checked with the independent exact intruder (<see cref="Oracle.IntruderOracle"/>) on random tables.
/// </summary>
public sealed class JointBoxesTests
{
    private const int K = 5;

    private static (CellStatus[] Primaries, ProtectionLayer[] Layers) Setup(long[] values)
    {
        var primaries = values.Select(v => v > 0 && v < K ? CellStatus.PrimarySuppressed : CellStatus.Published).ToArray();
        var layer = ProtectionLayer.Count("count", Array.ConvertAll(values, v => (double)v), values, K);
        return (primaries, [layer]);
    }

    [Property(MaxTest = 60)]
    public Property JointBoxes_KeepEverySuppressedCellsIntervalAtLeastKWide_UnderNonNegativity() =>
        Prop.ForAll(SmallTable.Arbitrary(4), t =>
        {
            var values = t.Contributors();
            var (primaries, layers) = Setup(values);
            var result = JointBoxes.Choose(t.Table, values, primaries, layers, TimeSpan.FromSeconds(30));
            if (result.Pattern is not { } pattern)
                return false.Label("no pattern");
            var sensitiveKept = Enumerable.Range(0, values.Length).All(i => primaries[i] != CellStatus.PrimarySuppressed || pattern[i] == CellStatus.PrimarySuppressed);
            var narrow = DisclosureControlTests.NarrowCells(t.Table, values, pattern);
            return (sensitiveKept && narrow.Count == 0).Label(string.Join("; ", narrow));
        });

    [Property(MaxTest = 40)]
    public Property JointBoxes_NeverSuppressMoreCellsThanTheFastMethodsBoxes() =>
        Prop.ForAll(SmallTable.Arbitrary(4), t =>
        {
            // The fast method's boxes before its cleanup pass: one cheapest valid box per sensitive cell, in turn.
            var values = t.Contributors();
            var (primaries, layers) = Setup(values);
            var fast = (CellStatus[])primaries.Clone();
            var search = new HypercubeSearch(t.Table, values, fast, layers);
            search.Run(Enumerable.Range(0, values.Length).Where(i => primaries[i] == CellStatus.PrimarySuppressed), JointBoxes.Budget);
            var joint = JointBoxes.Choose(t.Table, values, primaries, layers, TimeSpan.FromSeconds(30));
            var fastCount = fast.Count(s => s != CellStatus.Published);
            var jointCount = joint.Pattern?.Count(s => s != CellStatus.Published) ?? int.MaxValue;
            return (!joint.Proven || jointCount <= fastCount).Label($"joint {jointCount}, fast boxes {fastCount}");
        });

    [Property(MaxTest = 40)]
    public Property Republish_KeepsThePatternSafe_AndOnlyPublishesSecondaryCells() =>
        Prop.ForAll(SmallTable.Arbitrary(4), t =>
        {
            var values = t.Contributors();
            var (primaries, layers) = Setup(values);
            var pattern = JointBoxes.Choose(t.Table, values, primaries, layers, TimeSpan.FromSeconds(30)).Pattern!;
            var before = (CellStatus[])pattern.Clone();
            var published = OptimalSuppression.Republish(t.Table, values, pattern, layers, TimeSpan.FromSeconds(30));
            var onlySecondary = Enumerable.Range(0, values.Length).All(i => pattern[i] == before[i] || before[i] == CellStatus.SecondarySuppressed);
            var counted = before.Count(s => s != CellStatus.Published) - pattern.Count(s => s != CellStatus.Published) == published;
            var narrow = DisclosureControlTests.NarrowCells(t.Table, values, pattern);
            return (onlySecondary && counted && narrow.Count == 0).Label(string.Join("; ", narrow));
        });

    [Property(MaxTest = 40)]
    public Property Exchanges_KeepThePatternSafe_AndNeverAddCellsOrHiddenPersons() =>
        Prop.ForAll(SmallTable.Arbitrary(4), t =>
        {
            var values = t.Contributors();
            var (primaries, layers) = Setup(values);
            var pattern = JointBoxes.Choose(t.Table, values, primaries, layers, TimeSpan.FromSeconds(30)).Pattern!;
            OptimalSuppression.Republish(t.Table, values, pattern, layers, TimeSpan.FromSeconds(30));
            var before = (CellStatus[])pattern.Clone();
            ExchangeSearch.Run(t.Table, values, pattern, layers, TimeSpan.FromSeconds(30));
            var primariesKept = Enumerable.Range(0, values.Length).All(i => (before[i] == CellStatus.PrimarySuppressed) == (pattern[i] == CellStatus.PrimarySuppressed));
            int cells = pattern.Count(s => s != CellStatus.Published), cellsBefore = before.Count(s => s != CellStatus.Published);
            long hidden = Hidden(t.Table, values, pattern), hiddenBefore = Hidden(t.Table, values, before);
            var better = cells < cellsBefore || (cells == cellsBefore && hidden <= hiddenBefore);
            var narrow = DisclosureControlTests.NarrowCells(t.Table, values, pattern);
            return (primariesKept && better && narrow.Count == 0)
                .Label($"cells {cellsBefore} -> {cells}, persons hidden {hiddenBefore} -> {hidden}; {string.Join("; ", narrow)}");
        });

    [Property(MaxTest = 40)]
    public Property BoxSwaps_KeepThePatternSafe_AndNeverAddCellsOrHiddenPersons() =>
        Prop.ForAll(SmallTable.Arbitrary(4), t =>
        {
            var values = t.Contributors();
            var (primaries, layers) = Setup(values);
            var joint = JointBoxes.Choose(t.Table, values, primaries, layers, TimeSpan.FromSeconds(30));
            var pattern = joint.Pattern!;
            OptimalSuppression.Republish(t.Table, values, pattern, layers, TimeSpan.FromSeconds(30));
            var before = (CellStatus[])pattern.Clone();
            // A fixed number of moves rather than a time: the test must not depend on the machine's speed.
            BoxSwapSearch.Run(t.Table, values, pattern, layers, joint.Candidates, TimeSpan.FromSeconds(30), tries: 30);
            var primariesKept = Enumerable.Range(0, values.Length).All(i => (before[i] == CellStatus.PrimarySuppressed) == (pattern[i] == CellStatus.PrimarySuppressed));
            int cells = pattern.Count(s => s != CellStatus.Published), cellsBefore = before.Count(s => s != CellStatus.Published);
            long hidden = Hidden(t.Table, values, pattern), hiddenBefore = Hidden(t.Table, values, before);
            var better = cells < cellsBefore || (cells == cellsBefore && hidden <= hiddenBefore);
            var narrow = DisclosureControlTests.NarrowCells(t.Table, values, pattern);
            return (primariesKept && better && narrow.Count == 0)
                .Label($"cells {cellsBefore} -> {cells}, persons hidden {hiddenBefore} -> {hidden}; {string.Join("; ", narrow)}");
        });

    private static long Hidden(LinkedTable table, long[] values, CellStatus[] status) =>
        Enumerable.Range(0, values.Length).Where(i => status[i] != CellStatus.Published && table.TotalCount(i) == 0).Sum(i => values[i]);

    [Fact]
    public void Optimal_OnASmallTableWithManySensitiveCells_SuppressesNoMoreThanTheFastMethod()
    {
        // 3 × 3 × 2 inner cells, half of them sensitive: the boxes of the fast method overlap badly.
        var t = new SmallTable([3, 3, 2], [1, 7, 2, 9, 30, 3, 12, 1, 0, 8, 4, 25, 2, 6, 11, 3, 9, 1]);
        var values = t.Contributors();
        var fast = DisclosureControl.Protect(t.Table, values, K);
        var optimal = DisclosureControl.Protect(t.Table, values, K, SecondaryMethod.Optimal);
        Assert.Empty(DisclosureControlTests.NarrowCells(t.Table, values, optimal.Status));
        Assert.True(optimal.SuppressedCells <= fast.SuppressedCells, $"optimal {optimal.SuppressedCells}, fast {fast.SuppressedCells}");
        Assert.NotNull(optimal.Optimal);
        Assert.True(optimal.Optimal!.LowerBound <= optimal.SuppressedCells);
    }
}
