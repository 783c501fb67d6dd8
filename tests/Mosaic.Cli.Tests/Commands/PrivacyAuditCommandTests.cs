using System.Text.Json;
using Mosaic.Storage.Contract;
using Mosaic.Storage.Sqlite;

namespace Mosaic.Cli.Tests.Commands;

public sealed class PrivacyAuditCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public PrivacyAuditCommandTests()
    {
        _db = _dir.File("mosaic.db");
        using var store = SqliteMosaicStore.Open(_db);
        store.Areas.Upsert(RandomRegistry.Areas);
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
        var path = Tabulate("population", "adm4,sex", "csv", "population.csv", minCell: "1");
        var lines = File.ReadAllLines(path);
        var row = Array.FindIndex(lines, l => l.StartsWith("BD55490917,Ashtamir Char,female,", StringComparison.Ordinal));
        var fields = lines[row].Split(',');
        fields[^2] = "";
        fields[^1] = "true";
        lines[row] = string.Join(',', fields);
        File.WriteAllLines(path, lines);

        var run = CliRun.Invoke("privacy", "audit", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("exposed: adm4=BD55490917, sex=female (count)", run.Out, StringComparison.Ordinal);
        Assert.Contains("FAILED", run.Out, StringComparison.Ordinal);
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
