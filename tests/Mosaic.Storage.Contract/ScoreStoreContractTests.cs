using Mosaic.Core.Hazards;
using Mosaic.Core.Storage;
using Mosaic.Core.Vulnerability;

namespace Mosaic.Storage.Contract;

/// <summary>Scoring runs and stored scores (<see cref="IScoreStore"/>): behaviour every provider must have.</summary>
public abstract class ScoreStoreContractTests(IStoreProvider provider) : ContractTestBase(provider)
{
    private static readonly DateTimeOffset s_scoredAt = new(2026, 10, 2, 14, 5, 30, TimeSpan.FromHours(6));

    private static VulnerabilityModel Model => DefaultVulnerabilityModel.Model;

    /// <summary>The two fixture households, imported; returns their store ids (returnee family first).</summary>
    private (long Returnee, long Displaced) ImportFamilies()
    {
        SeedAreas();
        Import(Fixtures.ReturneeFamily(), Fixtures.DisplacedFamily());
        return (Store.Registry.GetHousehold("uuid-returnee-1")!.Id, Store.Registry.GetHousehold("uuid-idp-1")!.Id);
    }

    private static ScoredHousehold Scored(long id, string submissionId, string area, double score, int rank, VulnerabilityModel? model = null)
    {
        model ??= Model;
        var dimensions = Enumerable.Range(0, model.Dimensions.Count).Select(i => i == 1 ? double.NaN : score / (i + 1)).ToArray();
        var exposure = Enumerable.Range(0, Enum.GetValues<HazardType>().Length).Select(i => i == 0 ? 0.75 : double.NaN).ToArray();
        var top = new[] { new Contribution(0, 1, 0.9, 0.3), new Contribution(2, 0.4, 0.5, 0.1) };
        var ancestry = new[] { new AreaRank("BGD", rank), new AreaRank("BD554909", rank), new AreaRank(area, 1) };
        return new ScoredHousehold(id, submissionId, area,
            new HouseholdScore(score, score > 0.5 ? VulnerabilityClass.High : VulnerabilityClass.Low, dimensions, top),
            new HouseholdExposure(score > 0.5 ? ExposureMethod.Gps : ExposureMethod.AreaShare, area, exposure), rank, ancestry, [.. model.Indicators]);
    }

    private List<ScoredHousehold> TwoScores(VulnerabilityModel? model = null)
    {
        var (returnee, displaced) = ImportFamilies();
        // Given out of rank order: the store returns rank order whatever order it was given.
        return [Scored(returnee, "uuid-returnee-1", "BD55490917", 0.4, 2, model), Scored(displaced, "uuid-idp-1", "BD55490959", 0.8, 1, model)];
    }

    [Fact]
    public void NewStore_HasNoRunAndNoScores()
    {
        Assert.Null(Store.Scores.LatestRun());
        Assert.Empty(Store.Scores.ReadScores());
    }

    [Fact]
    public void SaveRun_OfAnEmptyRegistry_IsStillTheLatestRun()
    {
        var id = Store.Scores.SaveRun(Model, [], s_scoredAt);
        var run = Store.Scores.LatestRun();
        Assert.NotNull(run);
        Assert.Equal((id, 0L), (run.Id, run.Households));
        Assert.Empty(Store.Scores.ReadScores());
    }

    [Fact]
    public void SaveRun_AfterReopen_LatestRunIsItWithTheModelAndItsVersion()
    {
        var scores = TwoScores();
        var id = Store.Scores.SaveRun(Model, scores, s_scoredAt);
        Reopen();
        var run = Store.Scores.LatestRun()!;
        Assert.Equal((id, Model.Id, Model.Version, Model.SourceJson, s_scoredAt, 2L),
            (run.Id, run.ModelId, run.ModelVersion, run.ModelJson, run.ScoredAt, run.Households));
        Assert.Equal(Model.Dimensions.Select(d => d.Id), run.Dimensions);
    }

    [Fact]
    public void ReadScores_AreInRankOrderWithEveryFieldAsSaved()
    {
        var scores = TwoScores();
        Store.Scores.SaveRun(Model, scores, s_scoredAt);
        Reopen();
        var read = Store.Scores.ReadScores();
        Assert.Equal([1, 2], read.Select(s => s.Rank));
        foreach (var (expected, actual) in scores.OrderBy(s => s.Rank).Zip(read))
        {
            Assert.Equal((expected.HouseholdId, expected.Score.Overall, expected.Score.Class, expected.Exposure.MethodCode, expected.Explanation),
                (actual.HouseholdId, actual.Score, actual.Class, actual.ExposureMethod, actual.Explanation));
            Assert.Equal(expected.Score.Dimensions, actual.Dimensions); // NaN (no data) included
            Assert.Equal(expected.Exposure.Values, actual.Exposure);
            Assert.Equal(expected.AreaRanks, actual.AreaRanks);
        }
        Assert.NotEqual("", read[0].Explanation);
    }

    [Fact]
    public void SaveRun_Again_ReplacesTheScoresAndBecomesTheLatestRun()
    {
        var scores = TwoScores();
        var first = Store.Scores.SaveRun(Model, scores, s_scoredAt);
        var v2 = Model with { Version = Model.Version + "-revised", SourceJson = "{\"revised\": true}" };
        var only = Scored(scores[0].HouseholdId, scores[0].SubmissionId, scores[0].AreaPcode, 0.6, 1, v2);
        var second = Store.Scores.SaveRun(v2, [only], s_scoredAt.AddDays(1));
        Assert.NotEqual(first, second);

        var run = Store.Scores.LatestRun()!;
        Assert.Equal((second, v2.Version, v2.SourceJson, 1L), (run.Id, run.ModelVersion, run.ModelJson, run.Households));
        var read = Assert.Single(Store.Scores.ReadScores());
        Assert.Equal((only.HouseholdId, 0.6, 1), (read.HouseholdId, read.Score, read.Rank));
    }

    [Fact]
    public void SaveRun_ChangesTheRegistryVersion()
    {
        // The tabulation cache reads scores with the registry and knows it is stale only through this number.
        var scores = TwoScores();
        var before = Store.Registry.CurrentVersion();
        Store.Scores.SaveRun(Model, scores, s_scoredAt);
        var afterFirst = Store.Registry.CurrentVersion();
        Assert.NotEqual(before, afterFirst);
        Store.Scores.SaveRun(Model, scores, s_scoredAt);
        Assert.NotEqual(afterFirst, Store.Registry.CurrentVersion());
    }

    [Fact]
    public void SaveRun_FailingPartWay_KeepsThePreviousRunScoresAndVersion()
    {
        var scores = TwoScores();
        var first = Store.Scores.SaveRun(Model, scores, s_scoredAt);
        var version = Store.Registry.CurrentVersion();
        var v2 = Model with { Version = "never-saved" };
        Assert.ThrowsAny<Exception>(() => Store.Scores.SaveRun(v2, new FailingList<ScoredHousehold>(TwoScoresAgain(scores), failAfter: 1), s_scoredAt));
        Assert.Equal((first, Model.Version), (Store.Scores.LatestRun()!.Id, Store.Scores.LatestRun()!.ModelVersion));
        Assert.Equal(scores.Select(s => s.HouseholdId).Order(), Store.Scores.ReadScores().Select(s => s.HouseholdId).Order());
        Assert.Equal(version, Store.Registry.CurrentVersion());
    }

    private static List<ScoredHousehold> TwoScoresAgain(List<ScoredHousehold> scores) => [.. scores.Select(s => s with { Rank = 3 - s.Rank })];
}
