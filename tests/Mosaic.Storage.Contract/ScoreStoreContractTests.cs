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
    private async Task<(long Returnee, long Displaced)> ImportFamilies()
    {
        await SeedAreas();
        await ImportAsync(Fixtures.ReturneeFamily(), Fixtures.DisplacedFamily());
        return ((await Store.Registry.GetHouseholdAsync("uuid-returnee-1", cancellationToken: TestContext.Current.CancellationToken))!.Id, (await Store.Registry.GetHouseholdAsync("uuid-idp-1", cancellationToken: TestContext.Current.CancellationToken))!.Id);
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

    private async Task<List<ScoredHousehold>> TwoScores(VulnerabilityModel? model = null)
    {
        var (returnee, displaced) = await ImportFamilies();
        // Given out of rank order: the store returns rank order whatever order it was given.
        return [Scored(returnee, "uuid-returnee-1", "BD55490917", 0.4, 2, model), Scored(displaced, "uuid-idp-1", "BD55490959", 0.8, 1, model)];
    }

    [Fact]
    public async Task NewStore_HasNoRunAndNoScores()
    {
        Assert.Null(await Store.Scores.LatestRunAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Empty(await Store.Scores.ReadScoresAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SaveRun_OfAnEmptyRegistry_IsStillTheLatestRun()
    {
        var id = await Store.Scores.SaveRunAsync(Model, [], s_scoredAt, cancellationToken: TestContext.Current.CancellationToken);
        var run = await Store.Scores.LatestRunAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotNull(run);
        Assert.Equal((id, 0L), (run.Id, run.Households));
        Assert.Empty(await Store.Scores.ReadScoresAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SaveRun_AfterReopen_LatestRunIsItWithTheModelAndItsVersion()
    {
        var scores = await TwoScores();
        var id = await Store.Scores.SaveRunAsync(Model, scores, s_scoredAt, cancellationToken: TestContext.Current.CancellationToken);
        Reopen();
        var run = (await Store.Scores.LatestRunAsync(cancellationToken: TestContext.Current.CancellationToken))!;
        Assert.Equal((id, Model.Id, Model.Version, Model.SourceJson, s_scoredAt, 2L),
            (run.Id, run.ModelId, run.ModelVersion, run.ModelJson, run.ScoredAt, run.Households));
        Assert.Equal(Model.Dimensions.Select(d => d.Id), run.Dimensions);
    }

    [Fact]
    public async Task ReadScores_AreInRankOrderWithEveryFieldAsSaved()
    {
        var scores = await TwoScores();
        await Store.Scores.SaveRunAsync(Model, scores, s_scoredAt, cancellationToken: TestContext.Current.CancellationToken);
        Reopen();
        var read = await Store.Scores.ReadScoresAsync(cancellationToken: TestContext.Current.CancellationToken);
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
    public async Task SaveRun_Again_ReplacesTheScoresAndBecomesTheLatestRun()
    {
        var scores = await TwoScores();
        var first = await Store.Scores.SaveRunAsync(Model, scores, s_scoredAt, cancellationToken: TestContext.Current.CancellationToken);
        var v2 = Model with { Version = Model.Version + "-revised", SourceJson = "{\"revised\": true}" };
        var only = Scored(scores[0].HouseholdId, scores[0].SubmissionId, scores[0].AreaPcode, 0.6, 1, v2);
        var second = await Store.Scores.SaveRunAsync(v2, [only], s_scoredAt.AddDays(1), cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(first, second);

        var run = (await Store.Scores.LatestRunAsync(cancellationToken: TestContext.Current.CancellationToken))!;
        Assert.Equal((second, v2.Version, v2.SourceJson, 1L), (run.Id, run.ModelVersion, run.ModelJson, run.Households));
        var read = Assert.Single(await Store.Scores.ReadScoresAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal((only.HouseholdId, 0.6, 1), (read.HouseholdId, read.Score, read.Rank));
    }

    [Fact]
    public async Task SaveRun_ChangesTheRegistryVersion()
    {
        // The tabulation cache reads scores with the registry and knows it is stale only through this number.
        var scores = await TwoScores();
        var before = await Store.Registry.CurrentVersionAsync(cancellationToken: TestContext.Current.CancellationToken);
        await Store.Scores.SaveRunAsync(Model, scores, s_scoredAt, cancellationToken: TestContext.Current.CancellationToken);
        var afterFirst = await Store.Registry.CurrentVersionAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(before, afterFirst);
        await Store.Scores.SaveRunAsync(Model, scores, s_scoredAt, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(afterFirst, await Store.Registry.CurrentVersionAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SaveRun_FailingPartWay_KeepsThePreviousRunScoresAndVersion()
    {
        var scores = await TwoScores();
        var first = await Store.Scores.SaveRunAsync(Model, scores, s_scoredAt, cancellationToken: TestContext.Current.CancellationToken);
        var version = await Store.Registry.CurrentVersionAsync(cancellationToken: TestContext.Current.CancellationToken);
        var v2 = Model with { Version = "never-saved" };
        await Assert.ThrowsAnyAsync<Exception>(async () => await Store.Scores.SaveRunAsync(v2, new FailingList<ScoredHousehold>(TwoScoresAgain(scores), failAfter: 1), s_scoredAt, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal((first, Model.Version), ((await Store.Scores.LatestRunAsync(cancellationToken: TestContext.Current.CancellationToken))!.Id, (await Store.Scores.LatestRunAsync(cancellationToken: TestContext.Current.CancellationToken))!.ModelVersion));
        Assert.Equal(scores.Select(s => s.HouseholdId).Order(), (await Store.Scores.ReadScoresAsync(cancellationToken: TestContext.Current.CancellationToken)).Select(s => s.HouseholdId).Order());
        Assert.Equal(version, await Store.Registry.CurrentVersionAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    private static List<ScoredHousehold> TwoScoresAgain(List<ScoredHousehold> scores) => [.. scores.Select(s => s with { Rank = 3 - s.Rank })];
}
