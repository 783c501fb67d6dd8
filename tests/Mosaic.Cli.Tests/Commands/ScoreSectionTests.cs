using Microsoft.Data.Sqlite;
using Mosaic.Core.Tabulation;
using Mosaic.Core.Vulnerability;
using Mosaic.Storage.Contract;
using Mosaic.Storage.Sqlite;

namespace Mosaic.Cli.Tests.Commands;

/// <summary>
/// A scoring run stores its two snapshot fields (<c>hazard_exposure</c>, <c>vulnerability</c>) as a score section
/// beside the persisted image instead of rewriting the image. Readers then see the latest run's fields; a torn,
/// altered or stale section is never used: the fields are refreshed from the stored scores and the image rewritten.
/// The oracle is the store's own stored scores of the latest run, read through the score store.
/// </summary>
public sealed class ScoreSectionTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _db;
    private readonly string _otherModel;

    public ScoreSectionTests()
    {
        TestDb.SqliteOnly(TestDb.SqliteLayout);
        _db = _dir.File("demo.db");
        Assert.Equal(0, CliRun.Invoke("demo", "--db", _db, "--households", "1200", "--no-serve").ExitCode);
        // Another weight for income loss: every overall score of a run with this model differs from the demo's run.
        using var stream = typeof(DefaultVulnerabilityModel).Assembly.GetManifestResourceStream("Mosaic.Core.Vulnerability.default-model.json")!;
        using var reader = new StreamReader(stream);
        var json = reader.ReadToEnd();
        var changed = json.Replace("\"weight\": 3,", "\"weight\": 0.5,", StringComparison.Ordinal);
        Assert.NotEqual(json, changed);
        _otherModel = _dir.File("model.json");
        File.WriteAllText(_otherModel, changed);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Score_LeavesTheImageBytesAsTheyWere_AndReadersSeeTheNewRunsFields()
    {
        var image = ImageBytes();
        Assert.Equal(0, CliRun.Invoke("score", "--model", _otherModel, "--db", _db).ExitCode);

        Assert.Equal(image, ImageBytes());
        Assert.NotNull(Section());
        var load = await Load();
        Assert.Equal(SnapshotLoadKind.Current, load.Kind);
        await AssertFieldsAreTheLatestRuns(load);
    }

    [Theory]
    [InlineData("torn")]
    [InlineData("one byte changed")]
    [InlineData("of an earlier run")]
    public async Task DamagedOrStaleSection_IsNeverUsed_TheFieldsComeFromTheStoredScores(string damage)
    {
        Assert.Equal(0, CliRun.Invoke("score", "--model", _otherModel, "--db", _db).ExitCode);
        var earlier = Section()!;
        Assert.Equal(0, CliRun.Invoke("score", "--db", _db).ExitCode);
        var latest = Section()!;
        Assert.NotEqual(earlier, latest);
        var replaced = damage switch
        {
            "torn" => latest[..^7],
            "one byte changed" => Flipped(latest, latest.Length - 3),
            _ => earlier, // whole and written for this very image, but by the run before the latest
        };
        Execute($"UPDATE registry_snapshot SET data = x'{Convert.ToHexString(replaced)}' WHERE part = -1");

        var load = await Load();
        Assert.NotEqual(SnapshotLoadKind.Current, load.Kind);
        await AssertFieldsAreTheLatestRuns(load);
        // The refreshed image was saved whole, without the bad section: the next reader uses it as it is.
        Assert.Null(Section());
        var next = await Load();
        Assert.Equal(SnapshotLoadKind.Current, next.Kind);
        await AssertFieldsAreTheLatestRuns(next);
    }

    /// <summary>Each household's two fields equal its stored score of the latest run (overall; highest known exposure).</summary>
    private async Task AssertFieldsAreTheLatestRuns(SnapshotLoad load)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = SqliteMosaicStore.Open(_db);
        var latest = await store.Scores.LatestRunAsync(ct);
        Assert.Equal(latest!.Id, load.Coverage.ScoreRunId);
        var scores = (await store.Scores.ReadScoresAsync(ct)).ToDictionary(s => s.HouseholdId);
        var snapshot = load.Snapshot;
        Assert.Equal(scores.Count, snapshot.HouseholdCount);
        var vulnerability = snapshot.ExtraNumbers["vulnerability"];
        var exposure = snapshot.ExtraNumbers["hazard_exposure"];
        for (var h = 0; h < snapshot.HouseholdCount; h++)
        {
            var s = scores[snapshot.HouseholdId[h]];
            Assert.Equal((float)s.Score, vulnerability[h]);
            var known = s.Exposure.Where(e => !double.IsNaN(e)).ToList();
            Assert.Equal(known.Count == 0 ? float.NaN : (float)known.Max(), exposure[h]);
        }
    }

    private async Task<SnapshotLoad> Load()
    {
        using var store = SqliteMosaicStore.Open(_db);
        return await PersistedSnapshots.LoadAsync((IPersistedSnapshotSource)store.Registry, await store.Areas.AllAsync(cancellationToken: TestContext.Current.CancellationToken),
            cancellationToken: TestContext.Current.CancellationToken);
    }

    private byte[] ImageBytes()
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT data FROM registry_snapshot WHERE part >= 0 ORDER BY part";
        using var r = cmd.ExecuteReader();
        var bytes = new List<byte>();
        while (r.Read())
            bytes.AddRange((byte[])r.GetValue(0));
        Assert.NotEmpty(bytes);
        return [.. bytes];
    }

    private byte[]? Section()
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT data FROM registry_snapshot WHERE part = -1";
        return cmd.ExecuteScalar() as byte[];
    }

    private static byte[] Flipped(byte[] bytes, int at)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] ^= 0x10;
        return copy;
    }

    private void Execute(string sql)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        Assert.Equal(1, cmd.ExecuteNonQuery());
    }

    private SqliteConnection Open()
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _db, Pooling = false }.ToString());
        c.Open();
        return c;
    }
}
