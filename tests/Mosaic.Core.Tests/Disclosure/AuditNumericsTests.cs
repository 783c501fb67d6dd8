using Mosaic.Core.Disclosure;
using Mosaic.Core.Tests.Disclosure.Oracle;

namespace Mosaic.Core.Tests.Disclosure;

/// <summary>
/// The audit's programme on the shape that made GLOP fail: the guide's first table (945 cells) with the first pattern
/// of the optimal method's master problem (171 suppressed cells, one component of 90 unknowns and 192 equations).
/// With every unknown boxed by 10³ times the table's sum (1.4·10⁹) GLOP reported this feasible programme INFEASIBLE,
/// from scratch too, and the optimal method could not use the pattern. The audit must solve it, and its verdicts must be
/// the independent exact intruder's (on every seventh suppressed cell: the rational simplex takes a minute for all 171).
/// </summary>
public sealed class AuditNumericsTests
{
    private const int K = 5;

    private static (LinkedTable Table, long[] Values, bool[] Suppressed) GuideTableMasterPattern()
    {
        var lines = File.ReadAllLines(TestData.Path("disclosure", "guide-first-table-master-pattern.txt")).Where(l => !l.StartsWith('#')).ToArray();
        var table = new LinkedTable([.. lines[0].Split(',').Select(int.Parse)]);
        var values = lines[1].Split(',').Select(long.Parse).ToArray();
        var suppressed = lines[2].Select(c => c == '1').ToArray();
        Assert.Equal(table.Size, values.Length);
        Assert.Equal(table.Size, suppressed.Length);
        return (table, values, suppressed);
    }

    private static HashSet<int> Sample(bool[] suppressed) =>
        [.. Enumerable.Range(0, suppressed.Length).Where(i => suppressed[i]).Where((_, k) => k % 7 == 0)];

    private static SortedSet<int> NarrowByOracle(LinkedTable table, bool[] suppressed, long[] values) =>
        [.. IntruderOracle.Intervals(table, suppressed, values, Sample(suppressed)).Where(i => i.Value.Max is { } m && m - i.Value.Min < Rational.Of(K)).Select(i => i.Key)];

    private static SortedSet<int> InSample(bool[] suppressed, AuditReport report)
    {
        var sample = Sample(suppressed);
        return [.. report.Narrow.Select(f => f.Cell).Where(sample.Contains)];
    }

    [Fact]
    public void AuditInsideMosaic_OfTheMasterPatternGlopOnceFailedOn_MatchesTheExactIntruder()
    {
        var (table, values, suppressed) = GuideTableMasterPattern();
        var status = suppressed.Select(s => s ? CellStatus.SecondarySuppressed : CellStatus.Published).ToArray();
        var layers = new[] { ProtectionLayer.Count("count", Array.ConvertAll(values, v => (double)v), values, K) };

        var report = LinearAudit.Run(table, status, layers, new HypercubeSearch(table, values, status, layers).HasSuppressedValidBox);

        Assert.Equal(NarrowByOracle(table, suppressed, values), InSample(suppressed, report));
    }

    [Fact]
    public void AuditOfTheSameTableReadBack_MatchesTheExactIntruder()
    {
        var (table, values, suppressed) = GuideTableMasterPattern();
        var published = values.Select((v, i) => suppressed[i] ? 0.0 : v).ToArray();

        var report = DisclosureControl.Audit(table, suppressed, [("count", published)], K);

        Assert.Equal(NarrowByOracle(table, suppressed, values), InSample(suppressed, report));
    }
}
