using System.Globalization;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;
using Mosaic.Core.Targeting;
using Mosaic.Core.Vulnerability;
using Mosaic.Storage.Contract;
using Mosaic.Storage.Sqlite;

namespace Mosaic.Cli.Tests.Commands;

/// <summary>
/// <c>mosaic target</c> ranks from the persisted snapshot and the stored rank column, reading only the listed
/// households. Its lists are checked against SQL over the same file and its stored scores as the old per-household
/// table's rows (<see cref="StoredScoreTable"/>: the top households by stored rank, per quota area), and its quotas, coverage and errors against the same selection made from every household object and
/// stored score — on the demo, after an import that extends the snapshot and after an update that forces a rebuild.
/// </summary>
public sealed class TargetFromColumnsTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public TargetFromColumnsTests()
    {
        TestDb.SqliteOnly(TestDb.SqliteLayout);
        _db = _dir.File("demo.db");
        Assert.Equal(0, CliRun.Invoke("demo", "--db", _db, "--households", "1500", "--no-serve").ExitCode);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Target_WithoutQuotas_ListsTheTopStoredRanksAsSqlDoes()
    {
        var listed = Target("--count", "120", "--quota", "none");
        Assert.Equal(SqlColumn("SELECT h.submission_id FROM household_score s JOIN household h ON h.id = s.household_id ORDER BY s.rank LIMIT 120"), listed);
        // The snapshot was saved by the first read: the second run reads it and lists the same.
        Assert.Equal(1L, Scalar("SELECT count(*) > 0 FROM registry_snapshot"));
        Assert.Equal(listed, Target("--count", "120", "--quota", "none"));
    }

    [Fact]
    public async Task Target_WithProportionalQuotas_TakesTheTopOfEachQuotaAreaAndMatchesTheHouseholdObjects()
    {
        var rows = TargetRows("--count", "100", "--quota", "proportional");
        Assert.Equal(100, rows.Count);
        AssertTopOfEachQuotaArea(rows, excludeAssisted: false);
        await AssertSameAsFromObjects(new TargetingRequest { Count = 100, Quota = QuotaMode.Proportional });
        await AssertSameAsFromObjects(new TargetingRequest { Count = 40, Quota = QuotaMode.Equal, AreaPcode = "BD55490931", ExcludeAssisted = true });
        await AssertSameAsFromObjects(new TargetingRequest { Count = 300, Quota = QuotaMode.Proportional, PoorShare = 0.3 });
    }

    [Fact]
    public async Task Target_AfterAnImportExtendsTheSnapshot_RefusesUnscoredHouseholdsThenListsTheNewOnesToo()
    {
        Assert.Equal(0, CliRun.Invoke("target", "--count", "50", "--out", _dir.File("before.csv"), "--db", _db).ExitCode);
        File.Copy(_db, _dir.File("before.db"));
        Assert.Equal(0, CliRun.Invoke("demo", "--db", _db, "--households", "300", "--seed", "99", "--add-to-existing", "--no-serve").ExitCode);

        // The demo scores what it added; with the run before the import back in place, the new households have no
        // score and the list is refused.
        Execute($"ATTACH '{_dir.File("before.db")}' AS before; DELETE FROM score_columns; " +
            "INSERT INTO score_run (model_id, model_version, model_json, dimensions, scored_at, households) " +
            "SELECT model_id, model_version, model_json, dimensions, scored_at, households FROM before.score_run ORDER BY id DESC LIMIT 1; " +
            "INSERT INTO score_columns (run_id, data) SELECT (SELECT max(id) FROM main.score_run), data FROM before.score_columns ORDER BY part");
        var unscored = CliRun.Invoke("target", "--count", "50", "--out", _dir.File("stale.csv"), "--db", _db);
        Assert.NotEqual(0, unscored.ExitCode);
        Assert.Contains("300 household(s) were registered after the last scoring run", unscored.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("stale.csv")));

        Assert.Equal(0, CliRun.Invoke("score", "--db", _db).ExitCode);
        var listed = Target("--count", "200", "--quota", "none");
        Assert.Equal(SqlColumn("SELECT h.submission_id FROM household_score s JOIN household h ON h.id = s.household_id ORDER BY s.rank LIMIT 200"), listed);
        Assert.Contains(listed, id => Scalar($"SELECT h.id > 1500 FROM household h WHERE h.submission_id = '{id}'") == 1);
        AssertTopOfEachQuotaArea(TargetRows("--count", "150", "--quota", "proportional"), excludeAssisted: false);
        await AssertSameAsFromObjects(new TargetingRequest { Count = 150, Quota = QuotaMode.Proportional });
    }

    [Fact]
    public async Task Target_AfterAnUpdateOfExistingRows_RebuildsAndExcludesTheNewlyAssisted()
    {
        Assert.Equal(0, CliRun.Invoke("target", "--count", "50", "--out", _dir.File("before.csv"), "--db", _db).ExitCode);
        // The ten top-ranked households are now recorded as assisted, and a third get the same welfare: both
        // are rewrites of existing rows, so the saved snapshot may not be used as it is.
        Execute("UPDATE household SET assistance_received = 1 WHERE id IN (SELECT household_id FROM household_score ORDER BY rank LIMIT 10)");
        Execute("UPDATE household SET reference_welfare = 1000 WHERE id % 3 = 0");

        var listed = Target("--count", "80", "--quota", "none", "--exclude-assisted");
        Assert.Equal(SqlColumn(
            "SELECT h.submission_id FROM household_score s JOIN household h ON h.id = s.household_id " +
            "WHERE h.assistance_received IS NOT 1 ORDER BY s.rank LIMIT 80"), listed);
        AssertTopOfEachQuotaArea(TargetRows("--count", "90", "--quota", "proportional", "--exclude-assisted"), excludeAssisted: true);
        await AssertSameAsFromObjects(new TargetingRequest { Count = 90, Quota = QuotaMode.Proportional, ExcludeAssisted = true });
        // The poor line (a fifth of the households) falls inside the 500 tied at 1000, which are split by submission
        // id: the errors still equal those measured on household objects.
        Assert.InRange(Scalar("SELECT count(*) FROM household WHERE reference_welfare < 1000"), 1, 250);
        await AssertSameAsFromObjects(new TargetingRequest { Count = 500, Quota = QuotaMode.None, PoorShare = 0.2 });
    }

    /// <summary>Runs <c>mosaic target</c> to a CSV and returns the listed submission ids in list order.</summary>
    private List<string> Target(params string[] args) => [.. TargetRows(args).Select(r => r["submission_id"])];

    private List<Dictionary<string, string>> TargetRows(params string[] args)
    {
        var csv = _dir.File($"t{Guid.NewGuid():N}.csv");
        var run = CliRun.Invoke(["target", .. args, "--out", csv, "--db", _db]);
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = File.ReadAllLines(csv);
        var header = Fields(lines[0]);
        return [.. lines.Skip(1).Select(l =>
        {
            var f = Fields(l);
            return header.Select((h, i) => (h, f[i])).ToDictionary(x => x.h, x => x.Item2, StringComparer.Ordinal);
        })];
    }

    /// <summary>The fields of a CSV line (quoted fields may hold commas and doubled quotes).</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted && ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                field.Append(line[++i]);
            else if (ch == '"')
                quoted = !quoted;
            else if (ch == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
                field.Append(ch);
        }
        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>Each quota area's rows are its eligible households with the best stored ranks (SQL), in rank order.</summary>
    private void AssertTopOfEachQuotaArea(List<Dictionary<string, string>> rows, bool excludeAssisted)
    {
        var areas = rows.GroupBy(r => r["quota_area_pcode"]).ToList();
        Assert.True(areas.Count > 1, "the list should fill more than one quota area");
        foreach (var area in areas)
        {
            var expected = SqlColumn(
                "WITH RECURSIVE sub(pcode) AS (SELECT $q UNION ALL SELECT a.pcode FROM area a JOIN sub ON a.parent_pcode = sub.pcode) " +
                "SELECT h.submission_id FROM household_score s JOIN household h ON h.id = s.household_id " +
                $"WHERE h.area_pcode IN (SELECT pcode FROM sub){(excludeAssisted ? " AND h.assistance_received IS NOT 1" : "")} " +
                $"ORDER BY s.rank LIMIT {area.Count()}", ("$q", area.Key));
            Assert.Equal(expected, [.. area.Select(r => r["submission_id"])]);
            // Every row carries its household's stored rank and class.
            foreach (var r in area)
            {
                Assert.Equal(Scalar($"SELECT s.rank FROM household_score s JOIN household h ON h.id = s.household_id WHERE h.submission_id = '{r["submission_id"]}'"),
                    long.Parse(r["rank"], CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>
    /// The same request through the use case (columns), through the selection from the whole snapshot (the fallback
    /// for codes the compact columns cannot hold) and through <see cref="Targeter.Select"/> over every household
    /// object with its stored score: the same households in the same order, quotas, coverage and errors.
    /// </summary>
    private async Task AssertSameAsFromObjects(TargetingRequest request)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = SqliteMosaicStore.Open(_db);
        var fromUseCase = (await TargetListRun.RunAsync(store, request, cancellationToken: ct)).List;
        var tree = await store.Areas.AllAsync(cancellationToken: ct);
        var areas = new AreaAncestry(tree);
        var scores = (await store.Scores.ReadScoresAsync(cancellationToken: ct)).ToDictionary(s => s.HouseholdId);
        var candidates = (await store.Registry.ReadHouseholdsAsync(request.AreaPcode, cancellationToken: ct).ToListAsync(ct))
            .Select(h => new TargetCandidate(h, scores[h.Id])).ToList();
        var fromObjects = Targeter.Select(candidates, areas, request);
        var snapshot = (await PersistedSnapshots.LoadAsync((IPersistedSnapshotSource)store.Registry, tree, scoring: false, ct)).Snapshot;
        var columns = (IScoreColumnsSource)store.Scores;
        var (fromSnapshot, unscored) = await ColumnTargeter.SelectAsync(snapshot, await columns.ReadRanksAsync(ct), areas, request, request.AreaPcode,
            ((IHouseholdsByIdSource)store.Registry).ReadListedHouseholdsAsync, columns.ReadScoresAsync, ct);
        Assert.Equal(0, unscored);
        AssertSameList(fromObjects, fromUseCase);
        AssertSameList(fromObjects, fromSnapshot!);
        // The high/extreme coverage column is also SQL's count of households with a member of each status.
        var priority = Scalar(PriorityCount(request, ""));
        foreach (var row in fromUseCase.Coverage.Where(c => c.Dimension == "member_status"))
        {
            var withStatus = Scalar(PriorityCount(request, $" AND EXISTS (SELECT 1 FROM person p WHERE p.household_id = h.id AND p.mig_status = '{row.Group}')"));
            Assert.Equal(priority == 0 ? 0 : (double)withStatus / priority, row.PriorityShare, 12);
        }
    }

    private static void AssertSameList(TargetList fromObjects, TargetList fromColumns)
    {
        Assert.Equal(fromObjects.Households.Select(t => (t.TargetRank, t.Household.SubmissionId, t.Score.Rank, t.QuotaArea)),
            fromColumns.Households.Select(t => (t.TargetRank, t.Household.SubmissionId, t.Score.Rank, t.QuotaArea)));
        // Listed fields read by id equal those of the whole households; coverage (below) from columns equals the members'.
        Assert.Equal(fromObjects.Households.Select(t => t.Household), fromColumns.Households.Select(t => t.Household));
        Assert.Equal(fromObjects.Households.Select(t => t.Score.Explanation), fromColumns.Households.Select(t => t.Score.Explanation));
        Assert.Equal(fromObjects.Quotas, fromColumns.Quotas);
        Assert.Equal(fromObjects.InScope, fromColumns.InScope);
        Assert.Equal(fromObjects.Eligible, fromColumns.Eligible);
        Assert.Equal(fromObjects.Excluded.OrderBy(e => e.Key), fromColumns.Excluded.OrderBy(e => e.Key));
        Assert.Equal(fromObjects.Coverage, fromColumns.Coverage);
        Assert.Equal(fromObjects.Errors, fromColumns.Errors);
        Assert.NotNull(fromColumns.Errors);
    }

    private static string PriorityCount(TargetingRequest request, string condition) =>
        "WITH RECURSIVE sub(pcode) AS (SELECT pcode FROM area WHERE " + (request.AreaPcode is null ? "parent_pcode IS NULL" : $"pcode = '{request.AreaPcode}'") +
        " UNION ALL SELECT a.pcode FROM area a JOIN sub ON a.parent_pcode = sub.pcode) " +
        "SELECT count(*) FROM household_score s JOIN household h ON h.id = s.household_id " +
        "WHERE h.area_pcode IN (SELECT pcode FROM sub) AND s.class IN ('high', 'extreme')" + condition;

    private List<string> SqlColumn(string sql, params (string, object)[] parameters)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
            cmd.Parameters.AddWithValue(name, value);
        using var r = cmd.ExecuteReader();
        var values = new List<string>();
        while (r.Read())
            values.Add(r.GetString(0));
        return values;
    }

    private long Scalar(string sql)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private void Execute(string sql)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>A connection to the file where <c>household_score</c> is the stored scores as the old table's rows.</summary>
    private SqliteConnection Open()
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _db, Pooling = false }.ToString());
        c.Open();
        StoredScoreTable.CreateTemp(c, StoredScoreTable.FromStore(_db));
        return c;
    }
}
