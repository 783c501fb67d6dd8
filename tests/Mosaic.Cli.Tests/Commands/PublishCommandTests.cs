using System.Globalization;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Commands;

/// <summary><c>mosaic publish</c>: the tables of a publication written together, protected as one set.</summary>
public sealed class PublishCommandTests : IDisposable
{
    private const int K = 5;

    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public PublishCommandTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        Assert.Equal(0, CliRun.Invoke("demo", "--households", "1000", "--seed", "7", "--no-serve", "--db", _db).ExitCode);
    }

    public void Dispose() => _dir.Dispose();

    private string Publication(string json)
    {
        var path = _dir.File("publication.json");
        File.WriteAllText(path, json);
        return path;
    }

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

    [Fact]
    public void Publish_TwoGroupingsOfTheBaseBands_NoDifferenceOfPublishedCellsGivesAGroupOfOneToFour()
    {
        var path = Publication("""
            { "tables": [
              { "name": "to79", "indicator": "population", "by": ["adm4", "sex", "age_group"], "age_bands": "0-79,80+" },
              { "name": "to84", "indicator": "population", "by": "adm4,sex,age_group", "age_bands": "0-84,85+" },
              { "name": "by-sex", "indicator": "population", "by": ["adm4", "sex"] }
            ] }
            """);
        var outDir = _dir.File("out");

        var run = CliRun.Invoke("publish", path, "--out", outDir, "--db", _db, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        var tables = run.Json.GetProperty("tables").EnumerateArray().ToList();
        Assert.Equal(3, tables.Count);
        Assert.All(tables, t => Assert.Equal(2, t.GetProperty("linked_tables").GetInt32()));
        var to79 = Read(Path.Combine(outDir, "to79.csv"), "adm4", "sex", "age_group");
        var to84 = Read(Path.Combine(outDir, "to84.csv"), "adm4", "sex", "age_group");
        var bySex = Read(Path.Combine(outDir, "by-sex.csv"), "adm4", "sex");
        Assert.Contains(to79.Values, v => v is null);
        var compared = 0;
        foreach (var (key, below80) in to79.Where(r => r.Key.EndsWith("|0-79", StringComparison.Ordinal) && !r.Key.StartsWith("_total", StringComparison.Ordinal)))
        {
            var parts = key.Split('|');
            if (parts[0] == "_missing" || parts[1] == "_total" || parts[1] == "_missing" || below80 is null || to84[$"{parts[0]}|{parts[1]}|0-84"] is not { } below85)
                continue;
            // Persons aged 80-84 of one adm4 and sex, by difference of two published cells: never 1 to K-1.
            var aged80To84 = below85 - below80.Value;
            var sql = Scalar("SELECT count(*) FROM person p JOIN household h ON h.id = p.household_id JOIN area a ON a.pcode = h.area_pcode " +
                             $"WHERE p.mig_status <> 'emigrant' AND a.parent_pcode = '{parts[0]}' AND p.sex = '{parts[1]}' AND p.age BETWEEN 80 AND 84");
            Assert.Equal(sql, aged80To84);
            Assert.False(aged80To84 is > 0 and < K, $"{parts[0]} {parts[1]}: {aged80To84} persons aged 80-84 by difference");
            compared++;
        }
        Assert.True(compared > 0);
        // The shared margin is one figure: published in both tables or in neither, with the SQL count.
        foreach (var (key, total) in bySex.Where(r => !r.Key.Contains("_total", StringComparison.Ordinal) && !r.Key.Contains("_missing", StringComparison.Ordinal)))
        {
            var margin = to79[key + "|_total"];
            Assert.Equal(total is null, margin is null);
            if (total is { } n)
            {
                var parts = key.Split('|');
                Assert.Equal(Scalar("SELECT count(*) FROM person p JOIN household h ON h.id = p.household_id JOIN area a ON a.pcode = h.area_pcode " +
                                    $"WHERE p.mig_status <> 'emigrant' AND a.parent_pcode = '{parts[0]}' AND p.sex = '{parts[1]}'"), n);
            }
        }
    }

    [Theory]
    [InlineData("[ { \"indicator\": \"population\" } ]", "table 1: \"by\" (the dimensions) is required")]
    [InlineData("[ { \"indicator\": \"population\", \"by\": \"adm4\", \"colour\": 1 } ]", "table 1: unknown property \"colour\"")]
    [InlineData("[ { \"indicator\": \"population\", \"by\": \"adm4\" }, { \"indicator\": \"population\", \"by\": \"adm4,age_group\", \"age_bands\": \"0-80,81+\" } ]", "table 2 (population by adm4,age_group): age bands 0-80,81+ are not groups of the base bands")]
    [InlineData("{ \"tables\": [ { \"indicator\": \"population\", \"by\": [\"adm4\"] }, { \"indicator\": \"population\", \"by\": \"adm4\" } ] }", "two tables are named 'population-adm4'")]
    [InlineData("[ { \"indicator\": \"population\", \"by\": \"adm4\" ", "not valid JSON")]
    public void Publish_ABadPublicationFile_IsAUsageErrorNamingTheTableAndWritesNothing(string json, string message)
    {
        var path = Publication(json);
        var outDir = _dir.File("out");

        var run = CliRun.Invoke("publish", path, "--out", outDir, "--db", _db);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Contains(path, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir) && Directory.EnumerateFiles(outDir).Any());
    }
}
