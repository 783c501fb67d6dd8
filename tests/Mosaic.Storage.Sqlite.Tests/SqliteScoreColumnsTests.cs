using System.Buffers.Binary;
using System.Text;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Hazards;
using Mosaic.Core.Storage;
using Mosaic.Core.Vulnerability;
using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>
/// A run large enough that its score columns span several stored parts (and values, the explanation table included, cross a
/// part's end): every stored score read back — all of them, a scattered subset by id, and the rank and class columns
/// — equals the household objects saved, whatever order they were given in.
/// </summary>
public sealed class SqliteScoreColumnsTests : IDisposable
{
    private const int Households = 100_000;

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

    [Fact]
    public async Task SaveRun_OfRepeatedExposuresAndExplanations_StoresEachOnceAndReadsBackEveryField()
    {
        var model = DefaultVulnerabilityModel.Model;
        var saved = Scores(model, distinctExposures: 7);
        var db = _dir.File("repeated.db");
        using (var store = SqliteMosaicStore.Open(db))
            await store.Scores.SaveRunAsync(model, saved, DateTimeOffset.UtcNow, cancellationToken: TestContext.Current.CancellationToken);
        // Per household: id, score, class, rank, dimensions, chain, area ranks, method, exposure area, two indices.
        var perHousehold = 8 + 8 + 1 + 4 + 8 * model.Dimensions.Count + 4 + 4 * 4 + 1 + 4 + 4 + 4;
        var stored = (long)Scalar(db, "SELECT sum(length(data)) FROM score_columns")!;
        Assert.InRange(stored, Households * perHousehold, Households * perHousehold + 200_000);

        using var reopened = SqliteMosaicStore.Open(db);
        AssertSame([.. saved.OrderBy(s => s.Rank)], await reopened.Scores.ReadScoresAsync(cancellationToken: TestContext.Current.CancellationToken));
        var some = saved.Where(s => s.HouseholdId % 31 == 0).ToList();
        AssertSame([.. some.OrderBy(s => s.Rank)], await ((IScoreColumnsSource)reopened.Scores).ReadScoresAsync(
            [.. some.Select(s => s.HouseholdId)], cancellationToken: TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// A run stored in the first layout (<c>MSC1</c>: exposures and explanations per household), encoded here from
    /// the household objects by the layout's definition, not by the store's writer: read back field by field as saved.
    /// </summary>
    [Fact]
    public async Task ReadScores_OfARunStoredInTheFirstLayout_ReadsBackEveryFieldAsSaved()
    {
        var model = DefaultVulnerabilityModel.Model;
        var saved = Scores(model);
        var db = _dir.File("v1.db");
        using (var store = SqliteMosaicStore.Open(db))
            await store.Scores.SaveRunAsync(model, saved.Take(10).ToList(), DateTimeOffset.UtcNow, cancellationToken: TestContext.Current.CancellationToken);
        var v1 = FirstLayout(saved);
        using (var c = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            c.Open();
            using var tx = c.BeginTransaction();
            using (var delete = c.CreateCommand())
            {
                delete.CommandText = "DELETE FROM score_columns; UPDATE score_run SET households = $n";
                delete.Parameters.AddWithValue("$n", saved.Count);
                delete.ExecuteNonQuery();
            }
            for (var at = 0; at < v1.Length; at += 3 << 20)
            {
                using var insert = c.CreateCommand();
                insert.CommandText = "INSERT INTO score_columns (run_id, data) VALUES ((SELECT max(id) FROM score_run), $d)";
                insert.Parameters.AddWithValue("$d", v1.AsSpan(at, Math.Min(3 << 20, v1.Length - at)).ToArray());
                insert.ExecuteNonQuery();
            }
            tx.Commit();
        }

        using var reopened = SqliteMosaicStore.Open(db);
        AssertSame([.. saved.OrderBy(s => s.Rank)], await reopened.Scores.ReadScoresAsync(cancellationToken: TestContext.Current.CancellationToken));
        var some = saved.Where(s => s.HouseholdId % 89 == 6).ToList();
        AssertSame([.. some.OrderBy(s => s.Rank)], await ((IScoreColumnsSource)reopened.Scores).ReadScoresAsync(
            [.. some.Select(s => s.HouseholdId)], cancellationToken: TestContext.Current.CancellationToken));
        var ranks = await ((IScoreColumnsSource)reopened.Scores).ReadRanksAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(saved.OrderBy(s => s.HouseholdId).Select(s => s.Rank), ranks.Ranks);
    }

    [Theory]
    [InlineData(0)] // a household's exposure index past the table
    [InlineData(1)] // a household's explanation index past the table
    public async Task ReadScores_WithAnIndexPastItsTable_IsRefusedAsDamaged(int which)
    {
        var model = DefaultVulnerabilityModel.Model;
        var saved = Scores(model, distinctExposures: 3).Take(500).ToList();
        var db = _dir.File($"index{which}.db");
        using (var store = SqliteMosaicStore.Open(db))
            await store.Scores.SaveRunAsync(model, saved, DateTimeOffset.UtcNow, cancellationToken: TestContext.Current.CancellationToken);
        // The index sections sit after the fixed columns (one part: the run is small).
        var n = saved.Count;
        var stride = saved.Max(s => s.AreaRanks.Count);
        var exposureAt = n * (8 + 8 + 1 + 4 + 8 * model.Dimensions.Count + 4 + 4 * stride + 1 + 4);
        var at = exposureAt + which * 4 * n + 4 * 17; // household 17 in ascending id
        Scalar(db, $"UPDATE score_columns SET data = substr(data, 1, {at}) || x'ffffff7f' || substr(data, {at + 5})");

        using var reopened = SqliteMosaicStore.Open(db);
        var ex = await Assert.ThrowsAsync<StoreException>(() => reopened.Scores.ReadScoresAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(StoreFailure.Corrupt, ex.Failure);
    }

    private static object? Scalar(string db, string sql)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    /// <summary>The first stored layout of a run, from its definition: sections in ascending household id, then a trailer.</summary>
    private static byte[] FirstLayout(List<ScoredHousehold> scores)
    {
        var byId = scores.OrderBy(s => s.HouseholdId).ToList();
        var strings = new List<string>();
        int Str(string s)
        {
            var at = strings.IndexOf(s);
            if (at < 0)
            {
                strings.Add(s);
                at = strings.Count - 1;
            }
            return at;
        }
        var chainKeys = new List<string>();
        var chains = new List<int[]>();
        var stride = byId.Max(s => s.AreaRanks.Count);
        var dims = byId[0].Score.Dimensions.Length;
        var bytes = new List<byte>();
        var starts = new long[14];
        void Long(long v) { var b = new byte[8]; BinaryPrimitives.WriteInt64LittleEndian(b, v); bytes.AddRange(b); }
        void Int(int v) { var b = new byte[4]; BinaryPrimitives.WriteInt32LittleEndian(b, v); bytes.AddRange(b); }
        void Double(double v) { var b = new byte[8]; BinaryPrimitives.WriteDoubleLittleEndian(b, v); bytes.AddRange(b); }
        void Section(int s, Action<ScoredHousehold> each)
        {
            starts[s] = bytes.Count;
            byId.ForEach(each);
        }
        Section(0, s => Long(s.HouseholdId));
        Section(1, s => Double(s.Score.Overall));
        Section(2, s => bytes.Add((byte)s.Score.Class));
        Section(3, s => Int(s.Rank));
        Section(4, s => Array.ForEach(s.Score.Dimensions, Double));
        Section(5, s =>
        {
            var key = string.Join('\n', s.AreaRanks.Select(a => a.Pcode));
            var c = chainKeys.IndexOf(key);
            if (c < 0)
            {
                chainKeys.Add(key);
                chains.Add([.. s.AreaRanks.Select(a => Str(a.Pcode))]);
                c = chains.Count - 1;
            }
            Int(c);
        });
        Section(6, s =>
        {
            for (var k = 0; k < stride; k++)
                Int(k < s.AreaRanks.Count ? s.AreaRanks[k].Rank : 0);
        });
        Section(7, s => bytes.Add((byte)s.Exposure.Method));
        Section(8, s => Int(s.Exposure.Method == ExposureMethod.AreaShare && s.Exposure.AreaPcode is { } a ? Str(a) : -1));
        Section(9, s => Array.ForEach(s.Exposure.Values, Double));
        var ends = new List<long>();
        Section(10, s =>
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(s.Explanation));
            ends.Add(bytes.Count - starts[10]);
        });
        starts[11] = bytes.Count;
        ends.ForEach(Long);
        starts[12] = bytes.Count;
        Int(strings.Count);
        foreach (var s in strings)
        {
            Int(Encoding.UTF8.GetByteCount(s));
            bytes.AddRange(Encoding.UTF8.GetBytes(s));
        }
        starts[13] = bytes.Count;
        Int(chains.Count);
        foreach (var c in chains)
        {
            Int(c.Length);
            Array.ForEach(c, Int);
        }
        bytes.AddRange("MSC1"u8.ToArray());
        Int(byId.Count);
        Int(dims);
        Int(HazardTypes.Count);
        Int(stride);
        Array.ForEach(starts, Long);
        return [.. bytes];
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
    /// <param name="model">The model whose indicators the contributions name.</param>
    /// <param name="distinctExposures">When set, each household's exposure is one of this many (else all differ).</param>
    private static List<ScoredHousehold> Scores(VulnerabilityModel model, int distinctExposures = 0)
    {
        var random = new Random(14);
        var indicators = model.Indicators.ToList();
        var ranks = Enumerable.Range(1, Households).OrderBy(_ => random.Next()).ToArray();
        var list = new List<ScoredHousehold>(Households);
        for (var i = 0; i < Households; i++)
        {
            var id = 3L * (i + 1);
            var dims = Enumerable.Range(0, model.Dimensions.Count).Select(d => d == i % 5 ? double.NaN : random.NextDouble()).ToArray();
            var exposure = Enumerable.Range(0, HazardTypes.Count).Select(h => h == i % 3 ? double.NaN :
                distinctExposures > 0 ? (i % distinctExposures + h) / 8.0 : random.NextDouble()).ToArray();
            var top = Enumerable.Range(0, i % 4).Select(k => new Contribution((i + k) % indicators.Count, distinctExposures > 0 ? i % 5 : random.Next(0, 40) / 4.0, 0.5, 0.1)).ToArray();
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
