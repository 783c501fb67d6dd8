using Mosaic.Core.Demo;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators;
using Mosaic.Core.Tabulation;

namespace Mosaic.Core.Tests.Tabulation;

/// <summary>
/// The utility the docs publish for the default perturbation table, on the demo (20,000 households, seed 2026) with
/// fresh random record keys: every cell of 1–2 changes, at most 8% of the larger cells change, by at most 3, at
/// most 15% of the cells of each table without many cells of 1–2, and the mean absolute change stays small. The
/// true counts come from the same table's cells, which keep them inside Mosaic.
/// </summary>
public sealed class PerturbationUtilityTests
{
    private static readonly Lazy<RegistrySnapshot> s_demo = new(() =>
    {
        var demo = new DemoGenerator(new DemoOptions());
        var keys = new RecordKeyGenerator();
        var builder = new RegistrySnapshotBuilder(demo.Areas(), null, DemoOptions.DefaultHouseholds);
        foreach (var h in demo.Households())
        {
            builder.AddHousehold(SnapshotCodes.Of(h) with { RecordKey = keys.Next() });
            foreach (var m in h.Members)
                builder.AddPerson(SnapshotCodes.Of(m) with { RecordKey = keys.Next() });
        }
        return builder.Build();
    });

    // The village tables of persons hold many cells of 1–2 (a returnee woman, a displaced child), and every one of
    // them must change: their bound is the share of such cells plus what pstay allows of the rest.
    [Theory]
    [InlineData("population", new[] { "adm4", "migratory_status", "sex", "age_group" }, 0.15)]
    [InlineData("population", new[] { "village", "migratory_status", "sex", "age_group" }, 0.20)]
    [InlineData("returnees", new[] { "village", "sex", "age_group" }, 0.25)]
    [InlineData("persons_with_disability", new[] { "village", "sex", "age_group" }, 0.15)]
    [InlineData("hh_income_fell_20pct", new[] { "village", "head_sex" }, 0.15)]
    public void DemoTable_ChangesFewCellsBeyondTheCountsOfOneAndTwo(string indicator, string[] by, double maxChanged)
    {
        var result = new Tabulator(s_demo.Value, IndicatorCatalogue.Shipped).Tabulate(
            new TabulationRequest(indicator, by) { Method = DisclosureMethod.Perturbation });
        var changed = 0;
        var larger = 0;
        var largerChanged = 0;
        double absolute = 0;
        foreach (var cell in result.Cells)
        {
            var published = (long)(result.IsShare ? cell.Denominator!.Value : cell.Value!.Value);
            var change = Math.Abs(published - cell.Contributors);
            Assert.InRange(change, 0, 3);
            if (cell.Contributors is 1 or 2)
                Assert.NotEqual(0, change); // never published as 1 or 2
            if (cell.Contributors >= 3)
            {
                larger++;
                largerChanged += change == 0 ? 0 : 1;
            }
            changed += change == 0 ? 0 : 1;
            absolute += change;
        }
        // pstay = 0.96: about 4% of the counts of 3 or more change (the UK's 2021 census outputs changed about 14% of all cells).
        Assert.InRange(largerChanged / (double)larger, 0, 0.08);
        Assert.InRange(changed / (double)result.Cells.Count, 0, maxChanged);
        Assert.InRange(absolute / result.Cells.Count, 0, 0.4);
    }
}
