using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators;
using Mosaic.Core.Registry;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Contract;

namespace Mosaic.Core.Tests.Tabulation;

/// <summary>
/// Cell-key perturbation through the tabulation engine. The oracle recounts each cell's persons and their keys by
/// brute force over the domain objects (<see cref="KeyedRegistry"/>); only the table lookup is the production one,
/// and <see cref="Disclosure.PerturbationTableTests"/> checks that on its own.
/// </summary>
public sealed class PerturbationTabulationTests
{
    private static readonly List<Household> s_households = RandomRegistry.Households(600, seed: 7);
    private static readonly KeyedRegistry s_registry = new(s_households, keySeed: 1);
    private static readonly PerturbationTable s_table = PerturbationTable.Default;

    private static TabulationResult Perturbed(KeyedRegistry registry, string indicator, string[] by, string? area = null, string? bands = null) =>
        new Tabulator(registry.Snapshot, IndicatorCatalogue.Shipped).Tabulate(new TabulationRequest(indicator, by)
        {
            Method = DisclosureMethod.Perturbation,
            AreaPcode = area,
            AgeBands = bands is null ? AgeBands.Default : AgeBands.Parse(bands),
        });

    private static bool Resident(Person p) => p.MigratoryStatus != MigratoryStatus.Emigrant;

    private static string SexCode(Person p) => Codes.Sex[p.Sex];

    /// <summary>The published value of the cell with these codes (null code = the total).</summary>
    private static double? Value(TabulationResult result, params string?[] codes)
    {
        foreach (var cell in result.Cells)
        {
            var match = true;
            for (var d = 0; d < codes.Length && match; d++)
                match = result.Dimensions[d].CodeOf(cell.Categories[d]) == (codes[d] ?? TableDimension.TotalCode);
            if (match)
                return cell.Value;
        }
        return null;
    }

    [Fact]
    public void EveryCell_IsItsTrueCountPlusTheNoiseItsOwnPersonsKeysPick()
    {
        var result = Perturbed(s_registry, "population", ["area", "sex"]);
        Assert.Equal(DisclosureMethod.Perturbation, result.Method);
        var checkedCells = 0;
        foreach (var cell in result.Cells)
        {
            var area = result.Dimensions[0].CodeOf(cell.Categories[0]);
            var sex = result.Dimensions[1].CodeOf(cell.Categories[1]);
            var (count, key) = s_registry.Persons((h, p) => Resident(p)
                && (area == TableDimension.TotalCode || h.AreaPcode == area)
                && (sex == TableDimension.TotalCode || SexCode(p) == sex));
            Assert.Equal(s_table.Publish(count, key), cell.Value);
            Assert.False(cell.Suppressed);
            checkedCells++;
        }
        Assert.True(checkedCells > 10);
    }

    [Fact]
    public void SameCell_HasTheSameValueInEveryTableAndRequest()
    {
        var byAreaSex = Perturbed(s_registry, "population", ["area", "sex"]);
        var bySexAreaAge = Perturbed(s_registry, "population", ["sex", "area", "age_group"]);
        var withinVillage = Perturbed(s_registry, "population", ["sex"], area: "BD55490917001");
        var again = Perturbed(s_registry, "population", ["area", "sex"]);

        var female = Value(byAreaSex, "BD55490917001", "female");
        Assert.NotNull(female);
        Assert.Equal(female, Value(bySexAreaAge, "female", "BD55490917001", null));
        Assert.Equal(female, Value(withinVillage, "female"));
        Assert.Equal(byAreaSex.Cells.Select(c => c.Value), again.Cells.Select(c => c.Value));
        // The village's total reached as a margin of three different tables.
        var village = Value(byAreaSex, "BD55490917001", null);
        Assert.Equal(village, Value(bySexAreaAge, null, "BD55490917001", null));
        Assert.Equal(village, Value(withinVillage, [null]));
    }

    [Fact]
    public void EveryCell_StaysWithinTheDocumentedNoise_ShowsNoOneOrTwo_AndKeepsEmptyCellsEmpty()
    {
        foreach (var (indicator, by) in new[] { ("population", new[] { "area", "migratory_status", "sex", "age_group" }), ("households", ["area", "dwelling"]) })
        {
            var result = Perturbed(s_registry, indicator, by);
            foreach (var cell in result.Cells)
            {
                var published = (long)cell.Value!.Value;
                Assert.InRange(published - cell.Contributors, -s_table.MaximumNoise, s_table.MaximumNoise);
                Assert.True(published is 0 or >= 3, $"a cell of {cell.Contributors} published as {published}");
                if (cell.Contributors == 0)
                    Assert.Equal(0, published);
            }
        }
    }

    [Fact]
    public void HouseholdCounts_UseHouseholdKeys()
    {
        var result = Perturbed(s_registry, "households", ["area"]);
        foreach (var cell in result.Cells)
        {
            var area = result.Dimensions[0].CodeOf(cell.Categories[0]);
            var (count, key) = s_registry.HouseholdsWhere(h => area == TableDimension.TotalCode || h.AreaPcode == area);
            Assert.Equal(s_table.Publish(count, key), cell.Value);
        }
    }

    [Fact]
    public void Share_IsThePerturbedNumeratorOverThePerturbedDenominator()
    {
        var result = Perturbed(s_registry, "hh_income_fell_20pct", ["area"]);
        foreach (var cell in result.Cells)
        {
            var area = result.Dimensions[0].CodeOf(cell.Categories[0]);
            bool Within(Household h) => (area == TableDimension.TotalCode || h.AreaPcode == area) && h.IncomeBefore > 0 && h.IncomeNow is not null;
            var (d, dk) = s_registry.HouseholdsWhere(Within);
            var (n, nk) = s_registry.HouseholdsWhere(h => Within(h) && h.IncomeNow <= 0.8 * h.IncomeBefore);
            var denominator = s_table.Publish(d, dk);
            Assert.Equal(denominator, cell.Denominator);
            Assert.Equal(denominator == 0 ? null : Math.Min(s_table.Publish(n, nk), denominator) / (double)denominator, cell.Value);
        }
    }

    [Fact]
    public void Differencing_TwoRequestsThatIsolateOneAge_IsOffByTheDifferenceOfTwoIndependentNoises()
    {
        // 0-79 against 0-80, per area and sex: an intruder subtracts to get the persons aged exactly 80. Over many
        // independent draws of the record keys, that difference is exact only as often as two independent noises
        // happen to be equal — the chance the table gives, computed here from its rows — and never off by more than 2D.
        var pairs = 0;
        double exact = 0, expectedExact = 0;
        for (var seed = 0; seed < 120; seed++)
        {
            var registry = new KeyedRegistry(s_households, keySeed: 100 + seed);
            var narrow = Perturbed(registry, "population", ["area", "age_group"], bands: "0-79,80+");
            var wide = Perturbed(registry, "population", ["area", "age_group"], bands: "0-80,81+");
            foreach (var area in narrow.Dimensions[0].Codes)
            {
                var young = registry.Persons((h, p) => Resident(p) && h.AreaPcode == area && p.Age is >= 0 and <= 79).Count;
                var older = registry.Persons((h, p) => Resident(p) && h.AreaPcode == area && p.Age is >= 0 and <= 80).Count;
                if (young < 10)
                    continue;
                var error = (Value(wide, area, "0-80")!.Value - Value(narrow, area, "0-79")!.Value) - (older - young);
                Assert.InRange(error, -2 * s_table.MaximumNoise, 2 * s_table.MaximumNoise);
                pairs++;
                exact += error == 0 ? 1 : 0;
                for (var v = -s_table.MaximumNoise; v <= s_table.MaximumNoise; v++)
                    expectedExact += s_table.Probability(young, v) * s_table.Probability(older, v);
            }
        }
        Assert.True(pairs >= 300, $"only {pairs} pairs");
        // With 300+ pairs the binomial standard error of the exact share is below 0.02 at these probabilities.
        Assert.InRange(exact / pairs, expectedExact / pairs - 0.05, expectedExact / pairs + 0.05);
        Assert.True(exact < pairs, "differencing was always exact");
    }

    [Fact]
    public void Category_AppearsOnlyWhenItsPublishedTotalIsAboveZero()
    {
        var result = Perturbed(s_registry, "population", ["migratory_status"]);
        foreach (var status in Codes.MigratoryStatus.Entries.Select(e => e.Code))
        {
            var (count, key) = s_registry.Persons((_, p) => Resident(p) && Codes.MigratoryStatus[p.MigratoryStatus] == status);
            Assert.Equal(s_table.Publish(count, key) > 0, result.Dimensions[0].Codes.Contains(status));
        }
    }

    [Theory]
    [InlineData("mean_household_size", "mean")]
    [InlineData("mean_income_now", "mean")]
    public void Perturbation_OfAMean_IsRefusedWithTheReason(string indicator, string kind)
    {
        var ex = Assert.Throws<TabulationException>(() => Perturbed(s_registry, indicator, ["area"]));
        Assert.Contains($"is a {kind}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("suppression", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Perturbation_OfASnapshotWithoutRecordKeys_IsRefused()
    {
        var builder = new RegistrySnapshotBuilder(RandomRegistry.Areas);
        foreach (var h in s_households)
            builder.Add(h);
        var ex = Assert.Throws<TabulationException>(() =>
            new Tabulator(builder.Build(), IndicatorCatalogue.Shipped).Tabulate(new TabulationRequest("population", ["sex"]) { Method = DisclosureMethod.Perturbation }));
        Assert.Contains("no record keys", ex.Message, StringComparison.Ordinal);
    }
}
