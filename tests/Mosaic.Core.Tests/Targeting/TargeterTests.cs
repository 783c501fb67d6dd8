using Mosaic.Core.Hazards;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Core.Targeting;
using Mosaic.Core.Vulnerability;
using Mosaic.Storage.Contract;

namespace Mosaic.Core.Tests.Targeting;

public sealed class TargeterTests
{
    private static readonly AreaAncestry s_areas = new(Fixtures.Areas);

    private static List<TargetCandidate> Candidates(int count, int seed = 7)
    {
        var households = SyntheticHouseholds.Generate(count, seed).Select((h, i) => h with { Id = i + 1 }).ToList();
        var flood = new HazardLayer(HazardType.Flood, "f", "f", [new HazardPolygon(Mosaic.Core.Demo.HazardDemo.Flood().Polygons[0].Geometry, 1)]);
        var scored = ScoringRun.Run(households, DefaultVulnerabilityModel.Model, HazardIndex.Build([flood]), Fixtures.Areas);
        return [.. households.Select((h, i) => new TargetCandidate(h, new StoredScore(h.Id, scored[i].Score.Overall, scored[i].Score.Class, scored[i].Rank,
            scored[i].Score.Dimensions, scored[i].AreaRanks, scored[i].Exposure.MethodCode, scored[i].Exposure.Values, scored[i].Explanation)))];
    }

    [Fact]
    public void Select_ProportionalQuotas_AddUpAndFollowHighAndExtremeCounts()
    {
        var list = Targeter.Select(Candidates(600), s_areas, new TargetingRequest { Count = 100, AreaPcode = "BD554909" });
        Assert.Equal(100, list.Households.Count);
        Assert.Equal(100, list.Quotas.Sum(q => q.Quota));
        Assert.Equal(["BD55490917", "BD55490959"], list.Quotas.Select(q => q.Pcode));
        foreach (var q in list.Quotas)
            Assert.Equal(q.Quota, list.Households.Count(t => t.QuotaArea == q.Pcode));
        var total = list.Quotas.Sum(q => q.Priority);
        Assert.All(list.Quotas, q => Assert.InRange(q.Quota, Math.Floor(100.0 * q.Priority / total), Math.Ceiling(100.0 * q.Priority / total)));
    }

    [Fact]
    public void Select_EveryTargetedHouseholdHasAnExplanationAndListIsInRankOrder()
    {
        var list = Targeter.Select(Candidates(300), s_areas, new TargetingRequest { Budget = 100_000, Transfer = 2_500, Quota = QuotaMode.Equal });
        Assert.Equal(40, list.Households.Count);
        Assert.All(list.Households, t => Assert.False(string.IsNullOrWhiteSpace(t.Score.Explanation)));
        Assert.Equal(list.Households.Select(t => t.Score.Rank).Order(), list.Households.Select(t => t.Score.Rank));
        Assert.Equal(Enumerable.Range(1, 40), list.Households.Select(t => t.TargetRank));
        Assert.Equal(20, list.Quotas.Single(q => q.Pcode == "BD55490917").Quota);
    }

    [Fact]
    public void Select_ExcludeAssisted_LeavesThemOutAndCountsThem()
    {
        var candidates = Candidates(200);
        var list = Targeter.Select(candidates, s_areas, new TargetingRequest { Count = 200, ExcludeAssisted = true, Quota = QuotaMode.None });
        var assisted = candidates.Count(c => c.Household.AssistanceReceived == true);
        Assert.Equal(assisted, list.Excluded[Targeter.AlreadyAssisted]);
        Assert.Equal(200 - assisted, list.Households.Count);
        var byId = candidates.ToDictionary(c => c.Household.Id, c => c.Household);
        Assert.DoesNotContain(list.Households, t => byId[t.Household.Id].AssistanceReceived == true);
    }

    [Fact]
    public void Select_CoverageSummary_ComparesTargetedWithHighAndExtreme()
    {
        var candidates = Candidates(400);
        var byId = candidates.ToDictionary(c => c.Household.Id, c => c.Household);
        var list = Targeter.Select(candidates, s_areas, new TargetingRequest { Count = 80 });
        var returnee = list.Coverage.Single(c => c.Dimension == "member_status" && c.Group == "returnee");
        Assert.Equal(list.Households.Count(t => byId[t.Household.Id].Members.Any(m => m.MigratoryStatus == MigratoryStatus.Returnee)), returnee.Targeted);
        Assert.Equal((double)returnee.Targeted / 80, returnee.TargetedShare, 9);
        var heads = list.Coverage.Where(c => c.Dimension == "head_sex").Sum(c => c.Targeted);
        Assert.Equal(80, heads);
    }

    [Fact]
    public void Errors_PerfectRankingHasNoErrorAndReverseRankingIsAllError()
    {
        double?[] welfare = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        var keys = welfare.Select(w => "k" + w).ToList();
        var perfect = TargetingErrors.Measure(welfare, [.. welfare.Select(w => w <= 3)], keys, 0.3)!;
        Assert.Equal((0.0, 0.0), (perfect.InclusionError, perfect.ExclusionError));
        var reverse = TargetingErrors.Measure(welfare, [.. welfare.Select(w => w >= 8)], keys, 0.3)!;
        Assert.Equal((1.0, 1.0), (reverse.InclusionError, reverse.ExclusionError));
    }

    [Fact]
    public void Calibration_ReportsBothModelsOnHeldOutHouseholds()
    {
        var households = SyntheticHouseholds.Generate(1500, 3);
        var exposures = households.Select(_ => HouseholdExposure.Unknown).ToList();
        var result = Calibration.Fit(DefaultVulnerabilityModel.Model, households, exposures, 0.3);
        Assert.True(result.HeldOut > 300);
        Assert.InRange(result.Calibrated.ExclusionError, 0, 1);
        // Fitted on data where welfare follows income, the calibrated model must do at least as well.
        Assert.True(result.Calibrated.ExclusionError <= result.HandWeighted.ExclusionError + 0.02);
        Assert.Contains(result.Weights, w => w.Calibrated > 0);
        VulnerabilityModelReader.Parse(result.Model.SourceJson!);
    }
}
