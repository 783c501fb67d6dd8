using System.Globalization;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Commands;

/// <summary>
/// <c>--publication-log</c> on <c>tabulate</c> and <c>publish</c> (issue 15): tables published at different times from
/// the same database are protected against each other. The oracle is the registry itself, counted with SQL.
/// </summary>
public sealed class PublicationLogCommandTests : IDisposable
{
    private const int K = 5;

    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public PublicationLogCommandTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        Assert.Equal(0, CliRun.Invoke("demo", "--households", "1000", "--seed", "7", "--no-serve", "--db", _db).ExitCode);
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>Rows of a Mosaic CSV table keyed by their dimension codes (the value is null when suppressed).</summary>
    private static Dictionary<string, long?> Read(string file, params string[] dims)
    {
        var lines = File.ReadAllLines(file);
        var header = lines[0].Split(',');
        var index = dims.Select(d => Array.IndexOf(header, d)).ToArray();
        int value = Array.IndexOf(header, "value"), suppressed = Array.IndexOf(header, "suppressed");
        var rows = new Dictionary<string, long?>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            rows[string.Join("|", index.Select(i => f[i]))] = f[suppressed] == "true" ? null : long.Parse(f[value], CultureInfo.InvariantCulture);
        }
        return rows;
    }

    private long Scalar(string sql)
    {
        using var connection = TestDb.OpenSql(_db, readOnly: true);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private CliRun Tabulate(string bands, string file, bool log) =>
        CliRun.Invoke(["tabulate", "-i", "population", "--by", "village,sex,age_group", "--age-bands", bands, "--format", "csv",
            "--out", _dir.File(file), "--db", _db, "--json", .. log ? ["--publication-log"] : Array.Empty<string>()]);

    /// <summary>
    /// Groups of persons aged 80-84 of one village and sex that the difference of two published cells (0-84 minus 0-79)
    /// gives, checked against SQL, with how many are of 1 to K-1 persons.
    /// </summary>
    private (int Compared, List<string> Small) Differences(string to79File, string to84File)
    {
        var to79 = Read(to79File, "village", "sex", "age_group");
        var to84 = Read(to84File, "village", "sex", "age_group");
        var compared = 0;
        var small = new List<string>();
        foreach (var (key, below80) in to79.Where(r => r.Key.EndsWith("|0-79", StringComparison.Ordinal)))
        {
            var parts = key.Split('|');
            if (parts[0] is "_total" or "_missing" || parts[1] == "_missing" || below80 is null || to84[$"{parts[0]}|{parts[1]}|0-84"] is not { } below85)
                continue;
            var sex = parts[1] == "_total" ? "" : $" AND p.sex = '{parts[1]}'";
            var sql = Scalar("SELECT count(*) FROM person p JOIN household h ON h.id = p.household_id JOIN area a ON a.pcode = h.area_pcode " +
                             $"WHERE p.mig_status <> 'emigrant' AND (a.pcode = '{parts[0]}' OR a.parent_pcode = '{parts[0]}'){sex} AND p.age BETWEEN 80 AND 84");
            Assert.Equal(sql, below85 - below80.Value);
            compared++;
            if (below85 - below80.Value is > 0 and < K)
                small.Add($"{parts[0]} {parts[1]}: {below85 - below80.Value} persons aged 80-84");
        }
        return (compared, small);
    }

    [Fact]
    public void TablesPublishedOneAfterTheOther_WithTheLog_NoDifferenceGivesAGroupOfOneToFour_WithoutIt_OneDoes()
    {
        var first = Tabulate("0-79,80+", "to79.csv", log: true);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(0, first.Json.GetProperty("earlier_tables").GetInt32());

        // The same second table without the log: protected on its own, and the difference gives small groups away.
        var unaware = Tabulate("0-84,85+", "to84-alone.csv", log: false);
        Assert.True(unaware.ExitCode == 0, unaware.Error);
        var (_, given) = Differences(_dir.File("to79.csv"), _dir.File("to84-alone.csv"));
        Assert.NotEmpty(given);
        Assert.Equal(1, Scalar("SELECT count(*) FROM publication_log"));

        var second = Tabulate("0-84,85+", "to84.csv", log: true);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(1, second.Json.GetProperty("earlier_tables").GetInt32());
        var (compared, small) = Differences(_dir.File("to79.csv"), _dir.File("to84.csv"));
        Assert.True(compared > 0);
        Assert.True(small.Count == 0, string.Join("; ", small));
        Assert.True(second.Json.GetProperty("suppressed_cells").GetInt32() > unaware.Json.GetProperty("suppressed_cells").GetInt32());
        Assert.Equal(2, Scalar("SELECT count(*) FROM publication_log"));

        // A publication later: protected against both logged tables, and logged in turn.
        var publication = _dir.File("publication.json");
        File.WriteAllText(publication, """[ { "name": "by-sex", "indicator": "population", "by": ["village", "sex"] } ]""");
        var published = CliRun.Invoke("publish", publication, "--out", _dir.File("out"), "--db", _db, "--publication-log", "--json");
        Assert.True(published.ExitCode == 0, published.Error);
        Assert.Equal(2, published.Json.GetProperty("tables")[0].GetProperty("earlier_tables").GetInt32());
        Assert.Equal(3, Scalar("SELECT count(*) FROM publication_log"));
        Assert.Equal(1, Scalar("SELECT count(*) FROM publication_log WHERE indicator = 'population' AND definition LIKE '%\"by\":[\"village\",\"sex\"]%'"));
    }

    [Theory]
    [InlineData("--method", "perturbation", "--publication-log is for suppressed tables")]
    [InlineData("--engine", "database", "--publication-log links the table with earlier ones in memory")]
    public void PublicationLog_WithAMethodOrEngineItCannotServe_IsAUsageError_AndLogsNothing(string option, string value, string message)
    {
        var run = CliRun.Invoke("tabulate", "-i", "population", "--by", "sex", option, value, "--publication-log", "--db", _db);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
        Assert.Equal(0, Scalar("SELECT count(*) FROM publication_log"));
    }
}
