using System.Text.Json;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Commands;

/// <summary>tabulate's options say what they do: --json is JSON, --min-cell cannot switch protection off.</summary>
public sealed class TabulateOptionTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public TabulateOptionTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        using var store = TestDb.Open(_db);
        store.Areas.UpsertAsync(RandomRegistry.Areas).GetAwaiter().GetResult();
        RandomRegistry.Import(store, 150, seed: 8);
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("table")]
    [InlineData("csv")]
    public void Tabulate_WithJsonAndNoOut_PrintsTheTableAsJson(string format)
    {
        var run = CliRun.Invoke("tabulate", "--db", _db, "-i", "population", "--by", "sex", "--format", format, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("population", json.RootElement.GetProperty("metadata").GetProperty("indicator").GetString());
    }

    [Fact]
    public void Tabulate_AgeBandsOneYearOffTheBaseBands_IsRefusedWithoutATable_AndAGroupingOfThemIsTabulated()
    {
        var refused = CliRun.Invoke("tabulate", "--db", _db, "-i", "population", "--by", "sex,age_group", "--age-bands", "0-80,81+");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("age bands 0-80,81+ are not groups of the base bands", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Total", refused.Out, StringComparison.Ordinal);

        var grouped = CliRun.Invoke("tabulate", "--db", _db, "-i", "population", "--by", "sex,age_group", "--age-bands", "0-59,60+", "--json");
        Assert.Equal(0, grouped.ExitCode);
        Assert.Contains("\"0-59\"", grouped.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("2")]
    public void Tabulate_MinCellBelowTheFloor_IsRefusedInPlainWords(string k)
    {
        var run = CliRun.Invoke("tabulate", "--db", _db, "-i", "population", "--by", "sex", "--min-cell", k);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"--min-cell {k} is below the floor of 3 contributors", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Tabulate_MinCellAtTheFloor_IsAccepted()
    {
        Assert.Equal(0, CliRun.Invoke("tabulate", "--db", _db, "-i", "population", "--by", "sex", "--min-cell", "3").ExitCode);
    }

    [Theory]
    [InlineData("tabulate", "-i", "population", "--by", "adm9")]
    [InlineData("tabulate", "-i", "population", "--by", "sex,adm7")]
    [InlineData("privacy", "kanon", "-q", "adm9,sex")]
    public void AreaLevelNoAreaHas_IsRefusedNamingTheLevelsThereAre(params string[] args)
    {
        // Before: every household fell into "(missing)" and the table printed with exit 0.
        var run = CliRun.Invoke([.. args, "--db", _db]);
        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"'adm\d': no area of this database is at admin level \d \(the areas are at adm0, adm1, adm2, adm3, adm4, adm5\)", run.Error);
        Assert.DoesNotContain("(missing)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void AreaLevelTheTreeHas_IsTabulated()
    {
        var run = CliRun.Invoke("tabulate", "-i", "population", "--by", "adm2", "--format", "csv", "--db", _db);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("BD5549,Kurigram,", run.Out, StringComparison.Ordinal);
    }
}
