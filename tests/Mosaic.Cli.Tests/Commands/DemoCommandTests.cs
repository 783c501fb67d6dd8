using Mosaic.Cli.Infrastructure;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Commands;

public sealed class DemoCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Demo_Json_PrintsCountsOfAreasHouseholdsPersonsAndStatuses()
    {
        var run = CliRun.Invoke("demo", "--households", "300", "--seed", "3", "--db", TestDb.At(_dir.File("d.db")), "--json", "--no-serve");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var json = run.Json;
        Assert.Equal(300, json.GetProperty("households").GetInt64());
        Assert.Equal(300, json.GetProperty("households_added").GetInt64());
        Assert.Equal(0, json.GetProperty("households_already_present").GetInt64());
        Assert.True(json.GetProperty("areas").GetInt64() > 100);
        var persons = json.GetProperty("persons").GetInt64();
        var byStatus = json.GetProperty("persons_by_status");
        Assert.Equal(persons, byStatus.EnumerateObject().Sum(p => p.Value.GetInt64()));
        Assert.True(byStatus.GetProperty("non_migrant").GetInt64() > persons / 2);
        Assert.True(byStatus.GetProperty("returnee").GetInt64() > 0);

        using var store = TestDb.Open(TestDb.At(_dir.File("d.db")));
        Assert.Equal(300, await store.Registry.CountHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(persons, await store.Registry.CountPersonsAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(byStatus.GetProperty("idp").GetInt64(), (await store.Registry.CountPersonsByStatusAsync(cancellationToken: TestContext.Current.CancellationToken))[Core.Registry.MigratoryStatus.Idp]);
    }

    [Fact]
    public async Task Demo_RunTwiceIntoTheSameDatabase_AddsNothingTheSecondTime()
    {
        var db = TestDb.At(_dir.File("twice.db"));
        Assert.Equal(ExitCodes.Success, CliRun.Invoke("demo", "--households", "200", "--db", db, "--no-serve").ExitCode);
        var second = CliRun.Invoke("demo", "--households", "200", "--db", db, "--json", "--no-serve");
        Assert.Equal(ExitCodes.Success, second.ExitCode);
        Assert.Equal(0, second.Json.GetProperty("households_added").GetInt64());
        Assert.Equal(200, second.Json.GetProperty("households_already_present").GetInt64());
        Assert.Equal(0, second.Json.GetProperty("areas_inserted").GetInt64());
        using var store = TestDb.Open(db);
        Assert.Equal(200, await store.Registry.CountHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Demo_WithMoreHouseholdsThanBefore_AddsOnlyTheNewOnes()
    {
        var db = TestDb.At(_dir.File("grow.db"));
        CliRun.Invoke("demo", "--households", "100", "--db", db, "--no-serve");
        var run = CliRun.Invoke("demo", "--households", "150", "--db", db, "--json", "--no-serve");
        Assert.Equal((50L, 100L), (run.Json.GetProperty("households_added").GetInt64(), run.Json.GetProperty("households_already_present").GetInt64()));
    }

    [Fact]
    public void Demo_NoServe_PrintsOnlyTheCounts()
    {
        var run = CliRun.Invoke("demo", "--households", "50", "--db", TestDb.At(_dir.File("n.db")), "--no-serve");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("50 households added", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("By migratory status", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_ExportKobo_WritesFilesThatBuildAFreshDatabaseOfAreas()
    {
        var export = _dir.File("kobo");
        var run = CliRun.Invoke("demo", "--households", "120", "--db", TestDb.At(_dir.File("e.db")), "--export-kobo", export, "--json", "--no-serve");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        foreach (var f in new[] { "registrations.xlsx", "households.csv", "members.csv", "areas.csv", "areas.geojson" })
            Assert.True(File.Exists(Path.Combine(export, f)), f);
        Assert.Equal(121, File.ReadLines(Path.Combine(export, "households.csv")).Count());
        Assert.Equal(run.Json.GetProperty("persons").GetInt64() + 1, File.ReadLines(Path.Combine(export, "members.csv")).Count());

        var fresh = TestDb.At(_dir.File("fresh.db"));
        Assert.Equal(ExitCodes.Success, CliRun.Invoke("import", "areas", Path.Combine(export, "areas.csv"), "--db", fresh).ExitCode);
        Assert.Equal(ExitCodes.Success, CliRun.Invoke("import", "areas", Path.Combine(export, "areas.geojson"), "--db", fresh).ExitCode);
        using var store = TestDb.Open(fresh);
        var areas = await store.Areas.AllAsync(withBoundaries: true, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(run.Json.GetProperty("areas").GetInt64(), areas.Count);
        Assert.All(areas.Where(a => a.Level >= 3), a => Assert.NotNull(a.Boundary));
    }

    [Fact]
    public void Demo_NegativeHouseholds_IsAUsageError()
    {
        var result = MosaicCli.Build().Parse(["demo", "--households", "-5"]);
        Assert.Contains(result.Errors, e => e.Message.Contains("--households", StringComparison.Ordinal));
    }

    [Fact]
    public void Demo_Help_ShowsExamples()
    {
        var run = CliRun.Invoke("demo", "--help");
        Assert.Contains("--export-kobo", run.Out, StringComparison.Ordinal);
        Assert.Contains("mosaic demo --households", run.Out, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
