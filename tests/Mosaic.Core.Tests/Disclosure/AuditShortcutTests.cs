using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Tests.Disclosure.Oracle;

namespace Mosaic.Core.Tests.Disclosure;

/// <summary>
/// The audit passes most cells without an LP of their own (a box of suppressed cells that can shift, or two feasible
/// solutions of the intruder's programme already far enough apart). These properties check, on random tables and
/// random suppression patterns (not Mosaic's, so many cells are narrow), that it still reports exactly the cells that
/// the independent exact intruder (<see cref="IntruderOracle"/>, rational simplex) can narrow below K: no narrow cell
/// is passed by a shortcut, and no wide cell is reported.
/// </summary>
public sealed class AuditShortcutTests
{
    private const int K = 5;

    /// <summary>A random table and, per cell, whether it is suppressed (the small cells always, others at random).</summary>
    public sealed record Pattern(SmallTable Table, bool[] Suppressed)
    {
        public override string ToString() => $"{Table} suppressed: {string.Join("", Suppressed.Select(s => s ? '1' : '0'))}";

        public static Arbitrary<Pattern> Arbitrary() =>
            (from t in SmallTable.Arbitrary(4).Generator
             from coins in Gen.Frequency((3, Gen.Constant(false)), (2, Gen.Constant(true))).ArrayOf(t.Table.Size)
             let values = t.Contributors()
             select new Pattern(t, [.. coins.Select((c, i) => c || values[i] is > 0 and < K)])).ToArbitrary();
    }

    private static SortedSet<int> NarrowByOracle(LinkedTable table, bool[] suppressed, long[] values)
    {
        var narrow = new SortedSet<int>();
        foreach (var (cell, (min, max)) in IntruderOracle.Intervals(table, suppressed, values))
        {
            if (max is { } m && m - min < Rational.Of(K))
                narrow.Add(cell);
        }
        return narrow;
    }

    private static string Compare(SortedSet<int> expected, IEnumerable<int> found)
    {
        var actual = new SortedSet<int>(found);
        return expected.SetEquals(actual) ? "" : $"exact intruder: [{string.Join(",", expected)}], audit: [{string.Join(",", actual)}]";
    }

    [Property(MaxTest = 150)]
    public Property AuditOfATableReadBack_ReportsExactlyTheCellsTheExactIntruderNarrows() =>
        Prop.ForAll(Pattern.Arbitrary(), p =>
        {
            // A file read back (suppressed cells read as 0): only the published values are known, so every proof comes from
            // the LP's own solutions.
            var table = p.Table.Table;
            var values = p.Table.Contributors();
            var published = values.Select((v, i) => p.Suppressed[i] ? 0.0 : v).ToArray();
            var report = DisclosureControl.Audit(table, p.Suppressed, [("count", published)], K);
            var diff = Compare(NarrowByOracle(table, p.Suppressed, values), report.Narrow.Select(f => f.Cell));
            return (diff.Length == 0).Label(diff);
        });

    [Property(MaxTest = 150)]
    public Property AuditInsideMosaic_WithBoxProofsAndTheTrueTable_ReportsExactlyTheCellsTheExactIntruderNarrows() =>
        Prop.ForAll(Pattern.Arbitrary(), p =>
        {
            // Inside Mosaic: the true table is a feasible point and a valid box of suppressed cells is a proof.
            var table = p.Table.Table;
            var values = p.Table.Contributors();
            var status = p.Suppressed.Select(s => s ? CellStatus.SecondarySuppressed : CellStatus.Published).ToArray();
            var layers = new[] { ProtectionLayer.Count("count", Array.ConvertAll(values, v => (double)v), values, K) };
            var search = new HypercubeSearch(table, values, status, layers);
            var report = LinearAudit.Run(table, status, layers, search.HasSuppressedValidBox);
            var diff = Compare(NarrowByOracle(table, p.Suppressed, values), report.Narrow.Select(f => f.Cell));
            return (diff.Length == 0).Label(diff);
        });

    [Fact]
    public void AuditInsideMosaic_OfAProtectedTable_NeedsNoLinearProgrammeForCellsInAValidBox()
    {
        // One small cell and its rectangle of large cells: the rectangle is a valid box for all four corners.
        var table = new LinkedTable([2, 2]);
        long[] values = [3, 20, 23, 30, 40, 70, 33, 60, 93];
        var outcome = DisclosureControl.Protect(table, values, K);

        Assert.Equal(4, outcome.SuppressedCells);
        Assert.Equal(4, outcome.Audit!.ProvenByBox);
        Assert.Equal(0, outcome.Audit.LinearProgrammes);
        Assert.Empty(NarrowByOracle(table, [.. outcome.Status.Select(s => s != CellStatus.Published)], values));
    }
}
