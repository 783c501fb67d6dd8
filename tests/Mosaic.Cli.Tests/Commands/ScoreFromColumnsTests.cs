using System.Globalization;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Hazards;
using Mosaic.Core.Registry;
using Mosaic.Core.Tabulation;
using Mosaic.Core.Vulnerability;
using Mosaic.Storage.Contract;
using Mosaic.Storage.Sqlite;

namespace Mosaic.Cli.Tests.Commands;

/// <summary>
/// <c>mosaic score</c> scores from the persisted snapshot's columns and stores the run as columns. Every stored score
/// (score, class, rank, dimension scores, area ranks, exposure method and values, explanation) must equal the row
/// the household-object path stored for the same file — scored from <c>ReadHouseholdsAsync</c> into <see cref="ScoredHousehold"/>
/// objects and written as the old per-row table's text — and the ranks must be SQL's order (score descending,
/// submission id); on the demo, after an import that extends the snapshot, and after a rewrite of incomes and GPS
/// points that forces a rebuild. Afterwards the image is current: the next tabulation reads it as it is and prints
/// what a rebuild from the registry prints. A database scored before the columns keeps its rows readable until the
/// next run; damaged columns are refused with a clear error.
/// </summary>
public sealed class ScoreFromColumnsTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public ScoreFromColumnsTests()
    {
        TestDb.SqliteOnly(TestDb.SqliteLayout);
        _db = _dir.File("demo.db");
        Assert.Equal(0, CliRun.Invoke("demo", "--db", _db, "--households", "1500", "--no-serve").ExitCode);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Score_FromTheSnapshot_StoresTheSameRowsAsTheHouseholdObjectsAndRanksAsSqlOrders()
    {
        Assert.Equal(0, CliRun.Invoke("tabulate", "-i", "population", "--by", "adm1", "--db", _db).ExitCode);
        var scored = CliRun.Invoke("score", "--db", _db, "--json");
        Assert.Equal(0, scored.ExitCode);
        // Both exposure methods occur, so both column paths of the exposure are compared.
        Assert.Contains("\"gps\":", scored.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\"gps\":0", scored.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\"area\":0", scored.Out, StringComparison.Ordinal);
        await AssertSameAsFromObjects(expectedHouseholds: 1500);
        AssertRanksAreSqlOrder();
        await AssertSnapshotIsCurrentAndTabulatesAsARebuild();
    }

    [Fact]
    public async Task Score_AfterAnImportExtendsTheSnapshot_ScoresTheNewHouseholdsAsTheObjectsDo()
    {
        Assert.Equal(0, CliRun.Invoke("score", "--db", _db).ExitCode);
        Assert.Equal(0, CliRun.Invoke("demo", "--db", _db, "--households", "300", "--seed", "99", "--add-to-existing", "--no-serve").ExitCode);
        Assert.Equal(0, CliRun.Invoke("score", "--db", _db).ExitCode);
        await AssertSameAsFromObjects(expectedHouseholds: 1800);
        AssertRanksAreSqlOrder();
        await AssertSnapshotIsCurrentAndTabulatesAsARebuild();
    }

    [Fact]
    public async Task Score_AfterRewritesOfIncomesAndGps_RebuildsAndUsesTheExactValues()
    {
        Assert.Equal(0, CliRun.Invoke("score", "--db", _db).ExitCode);
        // Incomes that a float cannot hold, a tie of incomes, GPS points removed and moved, a second head, an unknown age:
        // all rewrites of existing rows, so the saved image may not be used as it is.
        Execute("UPDATE household SET income_before = 10000.000001, income_now = 3333.3333333 WHERE id % 5 = 0");
        Execute("UPDATE household SET lat = NULL, lon = NULL WHERE id % 7 = 0");
        Execute("UPDATE household SET lat = lat + 0.0000001 WHERE id % 11 = 0 AND lat IS NOT NULL");
        Execute("UPDATE person SET relation = 'head' WHERE line = 2 AND household_id % 13 = 0");
        Execute("UPDATE person SET age = NULL WHERE line = 1 AND household_id % 17 = 0");
        Assert.Equal(0, CliRun.Invoke("score", "--db", _db).ExitCode);
        await AssertSameAsFromObjects(expectedHouseholds: 1500);
        AssertRanksAreSqlOrder();
        await AssertSnapshotIsCurrentAndTabulatesAsARebuild();
    }

    [Fact]
    public async Task Score_OfADatabaseScoredBeforeTheColumns_ReadsItsRowsUntilTheNextRunReplacesThemWithColumns()
    {
        Assert.Equal(0, CliRun.Invoke("score", "--db", _db).ExitCode);
        // The file as an older Mosaic left it: the latest run's scores as household_score rows in the per-row
        // writer's text (from the household objects), no score columns, no saved snapshot.
        var legacy = _dir.File("legacy.db");
        File.Copy(_db, legacy);
        using (var store = SqliteMosaicStore.Open(legacy))
        {
            var run = await ScoringRun.RunAsync(store.Registry.ReadHouseholdsAsync(null, HouseholdFields.Location, TestContext.Current.CancellationToken), DefaultVulnerabilityModel.Model,
                HazardIndex.Build(await store.Hazards.ReadLayersAsync(cancellationToken: TestContext.Current.CancellationToken)), await store.Areas.AllAsync(withBoundaries: true, cancellationToken: TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
            var runId = (await store.Scores.LatestRunAsync(cancellationToken: TestContext.Current.CancellationToken))!.Id;
            using var c = Open(legacy);
            Execute(c, "DELETE FROM score_columns; DELETE FROM registry_snapshot");
            StoredScoreTable.Create(c, "main.household_score", run.Select(StoredScoreTable.FromObject), runId);
        }
        Assert.Equal("1500", Rows(legacy, "SELECT count(*) FROM main.household_score", withScoreTable: false)[0][0]);

        Assert.Equal(StoredScoreTable.FromStore(_db), StoredScoreTable.FromStore(legacy));
        string[] target = ["target", "--count", "150", "--quota", "proportional"];
        Assert.Equal(0, CliRun.Invoke([.. target, "--db", _db, "--out", _dir.File("columns.csv")]).ExitCode);
        Assert.Equal(0, CliRun.Invoke([.. target, "--db", legacy, "--out", _dir.File("rows.csv")]).ExitCode);
        Assert.Equal(File.ReadAllText(_dir.File("columns.csv")), File.ReadAllText(_dir.File("rows.csv")));
        string[] tabulate = ["tabulate", "-i", "hh_in_hazard_zone", "--by", "adm4", "--format", "csv"];
        var fromColumns = CliRun.Invoke([.. tabulate, "--db", _db]);
        var fromRows = CliRun.Invoke([.. tabulate, "--db", legacy]);
        Assert.Equal(0, fromRows.ExitCode);
        Assert.Equal(fromColumns.Out, fromRows.Out);

        Assert.Equal(0, CliRun.Invoke("score", "--db", legacy).ExitCode);
        Assert.Equal("0", Rows(legacy, "SELECT count(*) FROM main.household_score", withScoreTable: false)[0][0]);
        Assert.NotEqual("0", Rows(legacy, "SELECT count(*) FROM score_columns", withScoreTable: false)[0][0]);
        Assert.Equal(StoredScoreTable.FromStore(_db), StoredScoreTable.FromStore(legacy));
    }

    [Theory]
    [InlineData("UPDATE score_columns SET data = substr(data, 1, length(data) - 1) WHERE part = (SELECT max(part) FROM score_columns)")]
    [InlineData("UPDATE score_columns SET data = zeroblob(length(data)) WHERE part = (SELECT max(part) FROM score_columns)")]
    public void Target_FromDamagedScoreColumns_IsRefusedWithADatabaseErrorAndWritesNoList(string damage)
    {
        Assert.Equal(0, CliRun.Invoke("score", "--db", _db).ExitCode);
        Execute(damage);
        var csv = _dir.File("list.csv");
        var run = CliRun.Invoke("target", "--count", "50", "--out", csv, "--db", _db);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("the stored scores of scoring run", run.Error, StringComparison.Ordinal);
        Assert.Contains("run mosaic score again", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Mosaic.", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(csv));
        // Scoring again replaces the damaged columns.
        Assert.Equal(0, CliRun.Invoke("score", "--db", _db).ExitCode);
        Assert.Equal(0, CliRun.Invoke("target", "--count", "50", "--out", csv, "--db", _db).ExitCode);
    }

    /// <summary>
    /// Scores the file's household objects (on a copy) and compares every stored score with the row the per-row
    /// writer stored for that object (formatted by <see cref="StoredScoreTable"/>, not by the store).
    /// </summary>
    private async Task AssertSameAsFromObjects(int expectedHouseholds)
    {
        var copy = _dir.File($"objects-{Guid.NewGuid():N}.db");
        File.Copy(_db, copy);
        List<StoredScoreTable.Row> fromObjects;
        using (var store = SqliteMosaicStore.Open(copy))
        {
            var model = DefaultVulnerabilityModel.Model;
            var run = await ScoringRun.RunAsync(store.Registry.ReadHouseholdsAsync(null, HouseholdFields.Location, TestContext.Current.CancellationToken), model,
                HazardIndex.Build(await store.Hazards.ReadLayersAsync(cancellationToken: TestContext.Current.CancellationToken)), await store.Areas.AllAsync(withBoundaries: true, cancellationToken: TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
            fromObjects = [.. run.Select(StoredScoreTable.FromObject).OrderBy(r => r.HouseholdId)];
        }
        var fromColumns = StoredScoreTable.FromStore(_db).OrderBy(r => r.HouseholdId).ToList();
        Assert.Equal(expectedHouseholds, fromColumns.Count);
        Assert.Equal(fromObjects.Count, fromColumns.Count);
        for (var i = 0; i < fromObjects.Count; i++)
            Assert.Equal(fromObjects[i], fromColumns[i]);
        // The file holds the run as columns: no row per household.
        Assert.Equal("0", Rows(_db, "SELECT count(*) FROM main.household_score", withScoreTable: false)[0][0]);
    }

    /// <summary>Ranks 1..n in SQL's order of score (descending) then submission id; own-area ranks the same within each area.</summary>
    private void AssertRanksAreSqlOrder()
    {
        var ranks = Rows(_db,
            "SELECT s.rank, row_number() OVER (ORDER BY s.score DESC, h.submission_id), s.area_ranks, " +
            "h.area_pcode || ':' || row_number() OVER (PARTITION BY h.area_pcode ORDER BY s.score DESC, h.submission_id) " +
            "FROM household_score s JOIN household h ON h.id = s.household_id");
        Assert.NotEmpty(ranks);
        foreach (var r in ranks)
        {
            Assert.Equal(r[1], r[0]);
            Assert.EndsWith(" " + r[3], " " + r[2], StringComparison.Ordinal);
        }
    }

    /// <summary>The image saved by the scoring run is current, and a table from it equals one from a rebuild out of the rows.</summary>
    private async Task AssertSnapshotIsCurrentAndTabulatesAsARebuild()
    {
        using (var store = SqliteMosaicStore.Open(_db))
        {
            var load = await PersistedSnapshots.LoadAsync((IPersistedSnapshotSource)store.Registry,
                await store.Areas.AllAsync(cancellationToken: TestContext.Current.CancellationToken), cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(SnapshotLoadKind.Current, load.Kind);
            Assert.Equal((await store.Scores.LatestRunAsync(cancellationToken: TestContext.Current.CancellationToken))!.Id, load.Coverage.ScoreRunId);
        }
        string[] tabulate = ["tabulate", "-i", "hh_in_hazard_zone", "--by", "adm4", "--format", "csv"];
        var fromImage = CliRun.Invoke([.. tabulate, "--db", _db]);
        Assert.Equal(0, fromImage.ExitCode);
        var copy = _dir.File($"rebuilt-{Guid.NewGuid():N}.db");
        File.Copy(_db, copy);
        Execute(copy, "DELETE FROM registry_snapshot");
        var rebuilt = CliRun.Invoke([.. tabulate, "--db", copy]);
        Assert.Equal(0, rebuilt.ExitCode);
        Assert.Equal(rebuilt.Out, fromImage.Out);
        Assert.StartsWith("adm4,", fromImage.Out, StringComparison.Ordinal);
        Assert.True(fromImage.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 3, fromImage.Out);
    }

    /// <summary>The rows of a query; <paramref name="withScoreTable"/>: over the stored scores as the old table's rows.</summary>
    private static List<string[]> Rows(string db, string sql, bool withScoreTable = true)
    {
        using var c = Open(db);
        if (withScoreTable)
            StoredScoreTable.CreateTemp(c, StoredScoreTable.FromStore(db));
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<string[]>();
        while (r.Read())
        {
            var row = new string[r.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = r.GetValue(i) is double d ? d.ToString("R", CultureInfo.InvariantCulture) : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture)!;
            rows.Add(row);
        }
        return rows;
    }

    private void Execute(string sql) => Execute(_db, sql);

    private static void Execute(string db, string sql)
    {
        using var c = Open(db);
        Execute(c, sql);
    }

    private static void Execute(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static SqliteConnection Open(string db)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        c.Open();
        return c;
    }
}
