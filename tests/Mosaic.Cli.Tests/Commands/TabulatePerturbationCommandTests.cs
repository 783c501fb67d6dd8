using System.Globalization;
using Mosaic.Cli.Infrastructure;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Commands;

/// <summary><c>mosaic tabulate --method perturbation</c> as a user runs it.</summary>
public sealed class TabulatePerturbationCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public TabulatePerturbationCommandTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        using var store = TestDb.Open(_db);
        store.Areas.UpsertAsync(RandomRegistry.Areas).GetAwaiter().GetResult();
        RandomRegistry.Import(store, 300, seed: 3);
    }

    public void Dispose() => _dir.Dispose();

    private static List<string[]> Rows(string csv) =>
        [.. csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(','))];

    [Fact]
    public void Perturbation_PublishesEveryCell_NoneOfOneOrTwo_AndTheSameValuesEachRun()
    {
        string[] args = ["tabulate", "--db", _db, "-i", "returnees", "--by", "village,sex,age_group", "--method", "perturbation", "--format", "csv"];
        var first = CliRun.Invoke(args);
        Assert.Equal(ExitCodes.Success, first.ExitCode);
        var rows = Rows(first.Out);
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            Assert.Equal("false", row[^1]);
            var value = long.Parse(row[^2], CultureInfo.InvariantCulture);
            Assert.True(value is 0 or >= 3, $"published {value}");
        }
        Assert.Equal(first.Out, CliRun.Invoke(args).Out);
    }

    [Fact]
    public void Perturbation_AsTable_StatesTheMethodInsteadOfSuppressionCounts()
    {
        var run = CliRun.Invoke("tabulate", "--db", _db, "-i", "population", "--by", "adm4,sex", "--method", "perturbation");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("Rule: cell-key perturbation", run.Out, StringComparison.Ordinal);
        Assert.Contains("give or take at most 3", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("·", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("hiding the detail", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Perturbation_AsJson_NamesTheTableInItsMetadata()
    {
        var run = CliRun.Invoke("tabulate", "--db", _db, "-i", "population", "--by", "sex", "--method", "perturbation", "--format", "json");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var metadata = run.Json.GetProperty("metadata");
        Assert.Equal("perturbation", metadata.GetProperty("disclosure_method").GetString());
        Assert.Equal("D=3 V=0.25 js=2 pstay=0.96", metadata.GetProperty("perturbation_table").GetString());
        Assert.False(metadata.TryGetProperty("total_contributors", out _));
    }

    [Fact]
    public void Perturbation_OfAMean_FailsWithTheReason()
    {
        var run = CliRun.Invoke("tabulate", "--db", _db, "-i", "mean_household_size", "--by", "adm4", "--method", "perturbation");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("perturbation protects counts and shares", run.Error, StringComparison.Ordinal);
    }
}
