using System.Text.Json;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Commands;

public sealed class PrivacyAuditCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public PrivacyAuditCommandTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        using var store = TestDb.Open(_db);
        store.Areas.UpsertAsync(RandomRegistry.Areas).GetAwaiter().GetResult();
        RandomRegistry.Import(store, 300, seed: 3);
    }

    public void Dispose() => _dir.Dispose();

    private string Tabulate(string indicator, string by, string format, string file, string minCell = "5")
    {
        var path = _dir.File(file);
        var run = CliRun.Invoke("tabulate", "--db", _db, "-i", indicator, "--by", by, "--format", format, "--out", path, "--min-cell", minCell);
        Assert.Equal(0, run.ExitCode);
        return path;
    }

    [Theory]
    [InlineData("population", "village,sex,age_group", "csv", "population.csv")]
    [InlineData("returnees", "adm4,sex,age_group", "hxl", "returnees.csv")]
    [InlineData("population", "adm4,migratory_status,sex", "json", "population.json")]
    [InlineData("hh_income_fell_20pct", "village,head_sex", "json", "income.json")]
    public void Audit_OfATableMosaicWrote_Passes(string indicator, string by, string format, string file)
    {
        var path = Tabulate(indicator, by, format, file);
        var run = CliRun.Invoke("privacy", "audit", path, "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.True(run.Json.GetProperty("passed").GetBoolean());
        Assert.True(run.Json.GetProperty("suppressed_cells").GetInt32() > 0);
    }

    [Fact]
    public void Audit_OfATableWithALoneSuppressedCell_FailsAndNamesTheCell()
    {
        // A hand-made table in Mosaic's CSV layout where a small cell is hidden but its row and column totals are not.
        var path = _dir.File("exposed.csv");
        File.WriteAllText(path, """
            adm4,sex,value,suppressed
            A,female,,true
            A,male,40,false
            A,_total,43,false
            B,female,30,false
            B,male,50,false
            B,_total,80,false
            _total,female,33,false
            _total,male,90,false
            _total,_total,123,false

            """);

        var run = CliRun.Invoke("privacy", "audit", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("exposed: adm4=A, sex=female (count) lies in [3, 3]", run.Out, StringComparison.Ordinal);
        Assert.Contains("FAILED", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_OfARectangleWhoseOtherCornersAreEmpty_FindsTheIntervalNarrowerThanK()
    {
        // The Nayarhat case: a box with an empty corner that has to go down cannot move far.
        var path = _dir.File("nayarhat.csv");
        File.WriteAllText(path, """
            adm4,sex,value,suppressed
            A,female,,true
            A,male,,true
            A,_total,7040,false
            B,female,,true
            B,male,,true
            B,_total,10,false
            _total,female,1,false
            _total,male,7049,false
            _total,_total,7050,false

            """);

        var run = CliRun.Invoke("privacy", "audit", path, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.False(run.Json.GetProperty("passed").GetBoolean());
        Assert.Equal(4, run.Json.GetProperty("exposed").GetArrayLength());
    }

    [Fact]
    public void Audit_OfAFileThatIsNotATable_NamesTheFileAndWhy()
    {
        var path = _dir.File("other.csv");
        File.WriteAllText(path, "a,b\n1,2\n");
        var run = CliRun.Invoke("privacy", "audit", path);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("other.csv, row 1: no 'value' and 'suppressed' columns", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TableMetadata_StatesNoPrimarySecondarySplitAndNoContributorCounts()
    {
        var path = Tabulate("returnees", "village,sex,age_group", "json", "returnees.json");
        var meta = JsonDocument.Parse(File.ReadAllBytes(path)).RootElement.GetProperty("metadata");
        var keys = meta.EnumerateObject().Select(p => p.Name).ToList();
        Assert.DoesNotContain("primary_suppressed_cells", keys);
        Assert.DoesNotContain("secondary_suppressed_cells", keys);
        Assert.DoesNotContain("total_contributors", keys);
        Assert.DoesNotContain("suppressed_contributors", keys);
        Assert.Contains("suppressed_cells", keys);
        Assert.StartsWith("passed", meta.GetProperty("audit").GetString(), StringComparison.Ordinal);
    }
}
