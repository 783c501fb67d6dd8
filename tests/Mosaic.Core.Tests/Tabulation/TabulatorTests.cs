using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators;
using Mosaic.Core.Registry;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Contract;

namespace Mosaic.Core.Tests.Tabulation;

public sealed class TabulatorTests
{
    private static readonly List<Household> s_households = RandomRegistry.Households(600, seed: 7);
    private static readonly RegistrySnapshot s_snapshot = Build(s_households);

    private static RegistrySnapshot Build(IEnumerable<Household> households, IReadOnlyList<string>? optional = null, Func<Household, double[]>? extras = null)
    {
        var builder = new RegistrySnapshotBuilder(RandomRegistry.Areas, optional);
        foreach (var h in households)
            builder.Add(h, extras?.Invoke(h) ?? []);
        return builder.Build();
    }

    private static TabulationResult Run(string indicator, int minCell, params string[] by) =>
        new Tabulator(s_snapshot, IndicatorCatalogue.Shipped).Tabulate(new TabulationRequest(indicator, by) { MinimumCellSize = minCell });

    [Theory]
    [InlineData("population", new[] { "adm4", "migratory_status", "sex", "age_group" })]
    [InlineData("households", new[] { "village", "head_sex" })]
    [InlineData("hh_income_fell_20pct", new[] { "adm2", "dwelling" })]
    [InlineData("children_out_of_school", new[] { "sex", "disability" })]
    public void Tabulate_WithoutSuppression_EveryTotalEqualsTheSumOfItsCells(string indicator, string[] by)
    {
        var result = Run(indicator, 1, by);
        var table = new LinkedTable([.. result.Dimensions.Select(d => d.Codes.Count)]);
        var values = result.Cells.Select(c => result.IsShare ? c.Denominator ?? 0 : c.Value ?? 0).ToArray();
        var expected = (double[])values.Clone();
        table.FillTotals(expected);
        Assert.Equal(expected, values);
        Assert.All(result.Cells, c => Assert.False(c.Suppressed));
    }

    [Fact]
    public void Population_ExcludesEmigrants()
    {
        var residents = s_households.Sum(h => h.Members.Count(m => m.MigratoryStatus != MigratoryStatus.Emigrant));
        var result = Run("population", 1);
        Assert.Equal(residents, result.GrandTotal.Value);
    }

    [Fact]
    public void HouseholdRule_SuppressesPersonCellsFromTooFewHouseholds()
    {
        // Oracle: households with at least one resident, per recorded area, straight from the generated registry.
        var householdsPerArea = s_households.Where(h => h.Members.Any(m => m.MigratoryStatus != MigratoryStatus.Emigrant))
            .GroupBy(h => h.AreaPcode).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var threshold = householdsPerArea.Values.Order().ElementAt(householdsPerArea.Count / 2);
        var result = new Tabulator(s_snapshot, IndicatorCatalogue.Shipped).Tabulate(
            new TabulationRequest("population", ["area"]) { MinimumHouseholds = threshold });
        var area = result.Dimensions[0];
        foreach (var cell in result.Cells.Where(c => c.Categories[0] != TableDimension.Total))
        {
            var households = householdsPerArea[area.Codes[cell.Categories[0]]];
            if (households < threshold)
                Assert.True(cell.Suppressed, $"{area.Codes[cell.Categories[0]]}: {households} households");
        }
        Assert.Contains(result.Cells, c => !c.Suppressed);
    }

    [Fact]
    public void MeanHouseholdSize_CountsResidentMembersOnly()
    {
        var residents = s_households.Select(h => h.Members.Count(m => m.MigratoryStatus != MigratoryStatus.Emigrant)).Where(r => r > 0).ToList();
        var result = Run("mean_household_size", 1);
        Assert.Equal(residents.Average(), result.GrandTotal.Value!.Value, 9);
    }

    [Fact]
    public void Share_IsNumeratorOverDenominatorWithinThePopulation()
    {
        var eligible = s_households.Where(h => h.IncomeBefore > 0 && h.IncomeNow is not null).ToList();
        var fell = eligible.Count(h => h.IncomeNow <= 0.8 * h.IncomeBefore);

        var total = Run("hh_income_fell_20pct", 1).GrandTotal;

        Assert.Equal(eligible.Count, total.Denominator);
        Assert.Equal((double)fell / eligible.Count, total.Value!.Value, 9);
    }

    [Fact]
    public void Tabulate_ByVillage_PutsHouseholdsRecordedAboveVillageLevelInMissing()
    {
        var result = Run("households", 1, "village");
        var village = result.Dimensions[0];
        Assert.Equal(["BD55490917001", "BD55490917002", "BD55490959001", TableDimension.MissingCode], village.Codes);
        Assert.Equal("Char Kalikapur", village.Labels[0]);
    }

    [Fact]
    public void Tabulate_WithAreaFilter_CountsOnlyThatSubtree()
    {
        var expected = s_households.Where(h => h.AreaPcode.StartsWith("BD55490917", StringComparison.Ordinal)).Sum(h => h.Members.Count);
        var result = new Tabulator(s_snapshot, IndicatorCatalogue.Shipped).Tabulate(
            new TabulationRequest("population", ["sex"]) { AreaPcode = "BD55490917", MinimumCellSize = 1 });
        var emigrants = s_households.Where(h => h.AreaPcode.StartsWith("BD55490917", StringComparison.Ordinal))
            .Sum(h => h.Members.Count(m => m.MigratoryStatus == MigratoryStatus.Emigrant));
        Assert.Equal(expected - emigrants, result.GrandTotal.Value);
        Assert.Equal("Ashtamir Char", result.AreaName);
    }

    [Fact]
    public void Tabulate_WithMinCell5_PublishesNoCellWithOneToFourContributors()
    {
        var result = Run("returnees", 5, "village", "sex", "age_group");
        Assert.True(result.PrimarySuppressedCells > 0);
        Assert.All(result.Cells.Where(c => !c.Suppressed), c => Assert.True(c.Contributors is 0 or >= 5));
        Assert.All(result.Cells.Where(c => c.Suppressed), c => Assert.Null(c.Value));
    }

    [Fact]
    public void Tabulate_AgeGroupsFollowTheRequestedBands()
    {
        var result = new Tabulator(s_snapshot, IndicatorCatalogue.Shipped).Tabulate(
            new TabulationRequest("population", ["age_group"]) { MinimumCellSize = 1, AgeBands = AgeBands.Parse("0-14,15-64,65+") });
        Assert.Equal(["0-14", "15-64", "65+", TableDimension.MissingCode], result.Dimensions[0].Codes);
    }

    [Theory]
    [InlineData("0-80,81+")] // with 0-79,80+ it would give the persons aged exactly 80
    [InlineData("0-9,12+")] // a gap: ages 10-11 fall out
    [InlineData("5-17,18+")] // does not start at 0
    [InlineData("0-17,18-59")] // no open last band
    public void Tabulate_SuppressedByAgeBandsThatAreNotGroupsOfTheBaseBands_IsRefusedNamingThem(string bands)
    {
        var request = new TabulationRequest("population", ["sex", "age_group"]) { AgeBands = AgeBands.Parse(bands) };
        var ex = Assert.Throws<TabulationException>(() => new Tabulator(s_snapshot, IndicatorCatalogue.Shipped).Tabulate(request));
        Assert.Contains(AgeBands.Parse(bands).ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Contains("or the perturbation method", ex.Message, StringComparison.Ordinal);
        Assert.Equal(Core.Application.RequestSetting.DisclosureMethod, ex.Remedy);
        // Perturbation needs no such rule: the same persons always get the same noise, whatever the bands.
        var snapshot = new KeyedRegistry(s_households, keySeed: 3).Snapshot;
        var perturbed = new Tabulator(snapshot, IndicatorCatalogue.Shipped).Tabulate(request with { Method = DisclosureMethod.Perturbation });
        Assert.Equal(DisclosureMethod.Perturbation, perturbed.Method);
        Assert.NotEmpty(perturbed.Cells);
    }

    [Fact]
    public void AgeBands_AnyGroupingOfConsecutiveBaseBands_IsACoarseningAndMovingOneBoundaryOffTheBaseIsNot()
    {
        // Independent construction: every subset of the base boundaries (0 always kept) gives one grouping.
        int[] boundaries = [0, 5, 10, 15, 18, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85];
        var random = new Random(15);
        for (var trial = 0; trial < 200; trial++)
        {
            var kept = boundaries.Where((b, i) => i == 0 || random.Next(3) == 0).ToList();
            var text = string.Join(',', kept.Select((b, i) => i == kept.Count - 1 ? $"{b}+" : $"{b}-{kept[i + 1] - 1}"));
            Assert.True(AgeBands.Parse(text).IsCoarseningOf(AgeBands.Base), text);
            if (kept.Count < 2)
                continue;
            // Shift one inner boundary by one year (never onto another base boundary here: they are ≥ 2 apart).
            var at = 1 + random.Next(kept.Count - 1);
            var shifted = kept.ToList();
            shifted[at] += 1;
            if (shifted[at] >= (at + 1 < shifted.Count ? shifted[at + 1] : int.MaxValue))
                continue;
            var moved = string.Join(',', shifted.Select((b, i) => i == shifted.Count - 1 ? $"{b}+" : $"{b}-{shifted[i + 1] - 1}"));
            Assert.False(AgeBands.Parse(moved).IsCoarseningOf(AgeBands.Base), moved);
        }
        Assert.True(AgeBands.Default.IsCoarseningOf(AgeBands.Base));
    }

    [Fact]
    public void Tabulate_HazardIndicatorBeforeScoring_SaysTheFieldIsNotAvailableYet()
    {
        var ex = Assert.Throws<TabulationException>(() => Run("hh_in_hazard_zone", 5, "adm4"));
        Assert.Contains("hazard_exposure", ex.Message, StringComparison.Ordinal);
        Assert.Contains("mosaic score", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tabulate_HazardIndicatorOnceExposureExists_CountsExposedHouseholds()
    {
        var snapshot = Build(s_households, ["hazard_exposure"], h => [h.AreaPcode.EndsWith('1') ? 0.7 : 0]);
        var result = new Tabulator(snapshot, IndicatorCatalogue.Shipped).Tabulate(new TabulationRequest("hh_in_hazard_zone", []) { MinimumCellSize = 1 });
        var exposed = s_households.Count(h => h.AreaPcode.EndsWith('1'));
        Assert.Equal((double)exposed / s_households.Count, result.GrandTotal.Value!.Value, 9);
    }

    [Fact]
    public void Tabulate_HouseholdIndicatorByAPersonField_ExplainsWhy()
    {
        var ex = Assert.Throws<TabulationException>(() => Run("households", 5, "sex"));
        Assert.Contains("head_sex", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tabulate_WithWeight_EstimatesAreWeightedWhileContributorsAreNot()
    {
        var snapshot = Build(s_households, ["weight"], _ => [2.5]);
        var indicator = IndicatorCatalogue.Shipped.Get("households") with { Id = "households_weighted", Weight = "weight" };
        var result = new Tabulator(snapshot, IndicatorCatalogue.Shipped).Tabulate(indicator, new TabulationRequest(indicator.Id, ["adm2"]));
        Assert.Equal(2.5 * s_households.Count, result.GrandTotal.Value!.Value, 6);
        Assert.Equal(s_households.Count, result.TotalContributors);
    }

    [Fact]
    public void EveryShippedIndicator_TabulatesOnTheRegistry()
    {
        var snapshot = Build(s_households, ["hazard_exposure"], _ => [0.1]);
        var tabulator = new Tabulator(snapshot, IndicatorCatalogue.Shipped);
        Assert.True(IndicatorCatalogue.Shipped.Indicators.Count >= 20);
        foreach (var i in IndicatorCatalogue.Shipped.Indicators)
        {
            var result = tabulator.Tabulate(new TabulationRequest(i.Id, i.SuggestedBy));
            Assert.NotEmpty(result.Cells);
        }
    }
}
