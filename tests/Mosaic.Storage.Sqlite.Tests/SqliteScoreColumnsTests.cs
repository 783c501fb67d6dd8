using Microsoft.Data.Sqlite;
using Mosaic.Core.Hazards;
using Mosaic.Core.Storage;
using Mosaic.Core.Vulnerability;
using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>
/// A run large enough that its score columns span several stored parts (and values, explanations included, cross a
/// part's end): every stored score read back — all of them, a scattered subset by id, and the rank and class columns
/// — equals the household objects saved, whatever order they were given in.
/// </summary>
public sealed class SqliteScoreColumnsTests : IDisposable
{
    private const int Households = 60_000;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task SaveRun_OfARunOverSeveralParts_ReadsBackEveryFieldAsSaved()
    {
        var model = DefaultVulnerabilityModel.Model;
        var saved = Scores(model);
        var db = _dir.File("scores.db");
        using (var store = SqliteMosaicStore.Open(db))
            await store.Scores.SaveRunAsync(model, saved, DateTimeOffset.UtcNow, cancellationToken: TestContext.Current.CancellationToken);
        using (var c = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM score_columns";
            Assert.True((long)cmd.ExecuteScalar()! >= 2, "the run should span at least two parts");
        }

        using var reopened = SqliteMosaicStore.Open(db);
        var byRank = saved.OrderBy(s => s.Rank).ToList();
        AssertSame(byRank, await reopened.Scores.ReadScoresAsync(cancellationToken: TestContext.Current.CancellationToken));

        var some = saved.Where(s => s.HouseholdId % 97 == 3 || s.HouseholdId > 3 * Households - 20).ToList();
        var asked = some.Select(s => s.HouseholdId).Append(-5).Append(10 * Households).Reverse().ToList();
        AssertSame([.. some.OrderBy(s => s.Rank)], await ((IScoreColumnsSource)reopened.Scores).ReadScoresAsync(asked, cancellationToken: TestContext.Current.CancellationToken));

        var ranks = await ((IScoreColumnsSource)reopened.Scores).ReadRanksAsync(cancellationToken: TestContext.Current.CancellationToken);
        var byId = saved.OrderBy(s => s.HouseholdId).ToList();
        Assert.Equal(byId.Select(s => s.HouseholdId), ranks.HouseholdIds);
        Assert.Equal(byId.Select(s => s.Rank), ranks.Ranks);
        Assert.Equal(byId.Select(s => s.Score.Class), ranks.Classes);
    }

    private static void AssertSame(List<ScoredHousehold> expected, IReadOnlyList<StoredScore> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal((e.HouseholdId, e.Score.Overall, e.Score.Class, e.Rank), (a.HouseholdId, a.Score, a.Class, a.Rank));
            Assert.Equal(e.Score.Dimensions, a.Dimensions);
            Assert.Equal(e.AreaRanks, a.AreaRanks);
            Assert.Equal(e.Exposure.MethodCode, a.ExposureMethod);
            Assert.Equal(e.Exposure.Values, a.Exposure);
            Assert.Equal(e.Explanation, a.Explanation);
        }
    }

    /// <summary>Households with ids 3, 6, 9 … given in a shuffled order, ranks a permutation, chains of varying depth.</summary>
    private static List<ScoredHousehold> Scores(VulnerabilityModel model)
    {
        var random = new Random(14);
        var indicators = model.Indicators.ToList();
        var ranks = Enumerable.Range(1, Households).OrderBy(_ => random.Next()).ToArray();
        var list = new List<ScoredHousehold>(Households);
        for (var i = 0; i < Households; i++)
        {
            var id = 3L * (i + 1);
            var dims = Enumerable.Range(0, model.Dimensions.Count).Select(d => d == i % 5 ? double.NaN : random.NextDouble()).ToArray();
            var exposure = Enumerable.Range(0, HazardTypes.Count).Select(h => h == i % 3 ? double.NaN : random.NextDouble()).ToArray();
            var top = Enumerable.Range(0, i % 4).Select(k => new Contribution((i + k) % indicators.Count, random.Next(0, 40) / 4.0, 0.5, 0.1)).ToArray();
            var depth = 1 + i % 4;
            var chain = Enumerable.Range(0, depth).Select(k => new AreaRank(k == 0 ? "BGD" : $"BD{i % 37:00}{k}", random.Next(1, 1000))).ToArray();
            var method = (i % 3) switch { 0 => ExposureMethod.Gps, 1 => ExposureMethod.AreaShare, _ => ExposureMethod.None };
            list.Add(new ScoredHousehold(id, $"sub-{id}", chain[^1].Pcode,
                new HouseholdScore(random.NextDouble(), (VulnerabilityClass)(i % 4), dims, top),
                new HouseholdExposure(method, method == ExposureMethod.AreaShare ? chain[^1].Pcode : null, exposure),
                ranks[i], chain, indicators));
        }
        return [.. list.OrderBy(_ => random.Next())];
    }
}
