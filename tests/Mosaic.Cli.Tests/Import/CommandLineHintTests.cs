using Mosaic.Cli.Infrastructure;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Import;

/// <summary>
/// Core's messages name no option (the server and the API reuse them); the command line adds the option that fixes
/// the problem, and only on the terminal: the errors file keeps Core's words.
/// </summary>
public sealed class CommandLineHintTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public CommandLineHintTests() => _db = TestDb.At(_dir.File("mosaic.db"));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void BoundariesWithoutAPcodeProperty_AreRejected_AndTheTerminalNamesTheOptionThatFixesIt()
    {
        var input = _dir.File("unions.geojson");
        var square = "[[[89.6,25.7],[89.7,25.7],[89.7,25.8],[89.6,25.8],[89.6,25.7]]]";
        File.WriteAllText(input, $$$"""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"code":"BD554909"},"geometry":{"type":"Polygon","coordinates":{{{square}}}}},
              {"type":"Feature","properties":{"code":"BD554910"},"geometry":{"type":"Polygon","coordinates":{{{square}}}}}]}
            """);

        var run = CliRun.Invoke("import", "areas", input, "--db", _db);

        Assert.Equal(ExitCodes.InputRejected, run.ExitCode);
        var hints = run.Error.Split('\n').Where(l => l.StartsWith("hint:", StringComparison.Ordinal)).ToList();
        Assert.Equal(["hint: name it with --pcode-property NAME"], hints); // once, not once per feature
        var report = File.ReadAllLines(input + ".errors.csv");
        Assert.Equal(3, report.Length);
        Assert.All(report.Skip(1), line => Assert.Contains("feature has no P-code property", line, StringComparison.Ordinal));
        Assert.All(report, line => Assert.DoesNotContain("--", line, StringComparison.Ordinal));
    }

    [Fact]
    public void AHouseholdCsvWithoutItsRoster_IsRefused_AndTheTerminalNamesTheMembersOption()
    {
        var input = _dir.File("households.csv");
        File.WriteAllText(input, "_uuid,hh_id\nu1,H1\n");

        var run = CliRun.Invoke("import", "registrations", input, "--db", _db);

        Assert.Equal(ExitCodes.InputRejected, run.ExitCode);
        Assert.Contains("households.csv is a CSV: the member roster file is needed too", run.Error, StringComparison.Ordinal);
        Assert.Contains("(give it with --members FILE)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TabulatingByAge_IsRefused_AndTheTerminalNamesTheAgeBandsOption()
    {
        using (var store = TestDb.Open(_db))
        {
            await store.Areas.UpsertAsync(RandomRegistry.Areas, cancellationToken: TestContext.Current.CancellationToken);
            RandomRegistry.Import(store, 60, seed: 3);
        }

        var run = CliRun.Invoke("tabulate", "--db", _db, "-i", "population", "--by", "age");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("'age' is a number: tabulate by 'age_group'", run.Error, StringComparison.Ordinal);
        Assert.Contains("(bands set with --age-bands)", run.Error, StringComparison.Ordinal);
    }
}
