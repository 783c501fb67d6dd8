using Mosaic.Core.Demo;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators;
using Mosaic.Core.Tabulation;

namespace Mosaic.Core.Tests.Tabulation;

/// <summary>
/// The utility the docs publish for the default perturbation table, on the demo (20,000 households, seed 2026) with
/// fresh random record keys: at most 15% of the cells of each demo table change, by at most 3, and the mean absolute
/// change stays small. The true counts come from the same table's cells, which keep them inside Mosaic.
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

    [Theory]
    [InlineData("population", new[] { "adm4", "migratory_status", "sex", "age_group" })]
    [InlineData("population", new[] { "village", "migratory_status", "sex", "age_group" })]
    [InlineData("returnees", new[] { "village", "sex", "age_group" })]
    [InlineData("persons_with_disability", new[] { "village", "sex", "age_group" })]
    [InlineData("hh_income_fell_20pct", new[] { "village", "head_sex" })]
    public void DemoTable_ChangesAtMostFifteenPercentOfItsCells(string indicator, string[] by)
    {
        var result = new Tabulator(s_demo.Value, IndicatorCatalogue.Shipped).Tabulate(
            new TabulationRequest(indicator, by) { Method = DisclosureMethod.Perturbation });
        var changed = 0;
        double absolute = 0;
        foreach (var cell in result.Cells)
        {
            var published = (long)(result.IsShare ? cell.Denominator!.Value : cell.Value!.Value);
            var change = Math.Abs(published - cell.Contributors);
            Assert.InRange(change, 0, 3);
            changed += change == 0 ? 0 : 1;
            absolute += change;
        }
        Assert.InRange(changed / (double)result.Cells.Count, 0, 0.15);
        Assert.InRange(absolute / result.Cells.Count, 0, 0.4);
    }
}
