using System.Globalization;
using Mosaic.Cli.Infrastructure;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Commands;

/// <summary>Tabulating hazard exposure, which <c>mosaic score</c> (and the demo, which scores) stores per household.</summary>
public sealed class HazardTabulationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TabulateHouseholdsInHazardZone_AfterDemo_GivesSharesPerUnion()
    {
        var db = TestDb.At(_dir.File("demo.db"));
        Assert.Equal(ExitCodes.Success, CliRun.Invoke("demo", "--households", "600", "--seed", "5", "--db", db, "--no-serve").ExitCode);

        var run = CliRun.Invoke("tabulate", "-i", "hh_in_hazard_zone", "--by", "adm4", "--format", "csv", "--db", db);
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("adm4,adm4_label,value,denominator,suppressed", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        var total = rows.Single(r => r[0] == "_total");
        // Every demo household is scored (GPS or area share), and the flood and erosion layers follow the river:
        // some unions have households in a hazard zone, but not all households are.
        Assert.Equal(600, int.Parse(total[3], CultureInfo.InvariantCulture));
        var share = double.Parse(total[2], CultureInfo.InvariantCulture);
        Assert.InRange(share, 0.01, 0.99);
        Assert.Contains(rows, r => r[0] != "_total" && r[4] == "false" && double.Parse(r[2], CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public void TabulateHouseholdsInHazardZone_BeforeScoring_SaysWhichCommandFillsIt()
    {
        var db = TestDb.At(_dir.File("empty.db"));
        Assert.Equal(ExitCodes.Success, CliRun.Invoke("init", "--db", db).ExitCode);
        var run = CliRun.Invoke("tabulate", "-i", "hh_in_hazard_zone", "--by", "adm4", "--db", db);
        Assert.NotEqual(ExitCodes.Success, run.ExitCode);
        Assert.Contains("mosaic score", run.Error, StringComparison.Ordinal);
    }
}
