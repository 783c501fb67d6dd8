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
/// <c>mosaic score</c> scores from the persisted snapshot's columns. Every stored score row (score, class, rank,
/// dimension scores, area ranks, exposure method and values, explanation) must equal the row the household-object
/// path stores for the same file — scored from <c>ReadHouseholds</c> and saved row by row from <see cref="ScoredHousehold"/>
/// objects into a copy — and the ranks must be
/// SQL's order (score descending, submission id); on the demo, after an import that extends the snapshot, and after
/// a rewrite of incomes and GPS points that forces a rebuild. Afterwards the image is current: the next tabulation
/// reads it as it is and prints what a rebuild from the rows prints.
/// </summary>
public sealed class ScoreFromColumnsTests : IDisposable
{
    private const string ScoreRows =
        "SELECT h.submission_id, s.score, s.class, s.rank, s.dimensions, s.area_ranks, s.exposure_method, s.exposure, s.explanation " +
        "FROM household_score s JOIN household h ON h.id = s.household_id ORDER BY h.id";

    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public ScoreFromColumnsTests()
    {
        _db = _dir.File("demo.db");
        Assert.Equal(0, CliRun.Invoke("demo", "--db", _db, "--households", "1500", "--no-serve").ExitCode);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Score_FromTheSnapshot_StoresTheSameRowsAsTheHouseholdObjectsAndRanksAsSqlOrders()
    {
        Assert.Equal(0, CliRun.Invoke("tabulate", "-i", "population", "--by", "adm1", "--db", _db).ExitCode);
        var scored = CliRun.Invoke("score", "--db", _db, "--json");
        Assert.Equal(0, scored.ExitCode);
        // Both exposure methods occur, so both column paths of the exposure are compared.
        Assert.Contains("\"gps\":", scored.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\"gps\":0", scored.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\"area\":0", scored.Out, StringComparison.Ordinal);
        AssertSameAsFromObjects(expectedHouseholds: 1500);
        AssertRanksAreSqlOrder();
        AssertSnapshotIsCurrentAndTabulatesAsARebuild();
    }

    [Fact]
    public void Score_AfterAnImportExtendsTheSnapshot_ScoresTheNewHouseholdsAsTheObjectsDo()
    {
        Assert.Equal(0, CliRun.Invoke("score", "--db", _db).ExitCode);
        Assert.Equal(0, CliRun.Invoke("demo", "--db", _db, "--households", "300", "--seed", "99", "--add-to-existing", "--no-serve").ExitCode);
        Assert.Equal(0, CliRun.Invoke("score", "--db", _db).ExitCode);
        AssertSameAsFromObjects(expectedHouseholds: 1800);
        AssertRanksAreSqlOrder();
        AssertSnapshotIsCurrentAndTabulatesAsARebuild();
    }

    [Fact]
    public void Score_AfterRewritesOfIncomesAndGps_RebuildsAndUsesTheExactValues()
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
        AssertSameAsFromObjects(expectedHouseholds: 1500);
        AssertRanksAreSqlOrder();
        AssertSnapshotIsCurrentAndTabulatesAsARebuild();
    }

    /// <summary>Scores the file's household objects, saves them into a copy, and compares every stored row.</summary>
    private void AssertSameAsFromObjects(int expectedHouseholds)
    {
        var copy = _dir.File($"objects-{Guid.NewGuid():N}.db");
        File.Copy(_db, copy);
        using (var store = SqliteMosaicStore.Open(copy))
        {
            var model = DefaultVulnerabilityModel.Model;
            var run = ScoringRun.Run(store.Registry.ReadHouseholds(null, HouseholdFields.Location), model,
                HazardIndex.Build(store.Hazards.ReadLayers()), store.Areas.All(withBoundaries: true));
            // Saved as household objects, one by one: the stored text of the per-row path, not the columns' bulk writer.
            List<ScoredHousehold> households = [.. run];
            store.Scores.SaveRun(model, households, DateTimeOffset.UtcNow);
        }
        var fromColumns = Rows(_db, ScoreRows);
        var fromObjects = Rows(copy, ScoreRows);
        Assert.Equal(expectedHouseholds, fromColumns.Count);
        Assert.Equal(fromObjects.Count, fromColumns.Count);
        for (var i = 0; i < fromObjects.Count; i++)
            Assert.Equal(fromObjects[i], fromColumns[i]);
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
    private void AssertSnapshotIsCurrentAndTabulatesAsARebuild()
    {
        using (var store = SqliteMosaicStore.Open(_db))
        {
            var load = PersistedSnapshots.Load((IPersistedSnapshotSource)store.Registry, store.Areas.All());
            Assert.Equal(SnapshotLoadKind.Current, load.Kind);
            Assert.Equal(store.Scores.LatestRun()!.Id, load.Coverage.ScoreRunId);
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

    private static List<string[]> Rows(string db, string sql)
    {
        using var c = Open(db);
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
