using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Registry;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Commands;

/// <summary>
/// Issue 2's round trip: the demo exported as a Kobo workbook (and as CSVs) imports into a fresh database
/// as exactly the households, persons and statuses the demo generated, and importing it again adds nothing.
/// </summary>
public sealed class DemoRoundTripTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Export => _dir.File("kobo");

    private static async Task<(long Households, long Persons, IReadOnlyDictionary<MigratoryStatus, long> ByStatus)> Counts(string db)
    {
        using var store = TestDb.Open(db);
        return (await store.Registry.CountHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken), await store.Registry.CountPersonsAsync(cancellationToken: TestContext.Current.CancellationToken), await store.Registry.CountPersonsByStatusAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    private string FreshDatabaseWithDemoAreas(string name)
    {
        var db = TestDb.At(_dir.File(name));
        Assert.Equal(ExitCodes.Success, CliRun.Invoke("import", "areas", Path.Combine(Export, "areas.csv"), "--db", db).ExitCode);
        Assert.Equal(ExitCodes.Success, CliRun.Invoke("import", "areas", Path.Combine(Export, "areas.geojson"), "--db", db).ExitCode);
        return db;
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv")]
    public async Task ExportedDemo_ImportsIntoAFreshDatabaseAsTheSameRegistry_AndReimportAddsNothing(string format)
    {
        var demoDb = TestDb.At(_dir.File("demo.db"));
        var demo = CliRun.Invoke("demo", "--no-serve", "--households", "400", "--seed", "7", "--db", demoDb, "--export-kobo", Export);
        Assert.Equal(ExitCodes.Success, demo.ExitCode);

        var db = FreshDatabaseWithDemoAreas($"fresh-{format}.db");
        string[] import = format == "xlsx"
            ? ["import", "registrations", Path.Combine(Export, "registrations.xlsx"), "--db", db, "--json"]
            : ["import", "registrations", Path.Combine(Export, "households.csv"), "--members", Path.Combine(Export, "members.csv"), "--db", db, "--json"];
        var first = CliRun.Invoke(import);
        Assert.Equal(ExitCodes.Success, first.ExitCode);
        Assert.Equal(0, first.Json.GetProperty("rows_rejected").GetInt64());

        var expected = await Counts(demoDb);
        var actual = await Counts(db);
        Assert.Equal(400, actual.Households);
        Assert.Equal(expected.Households, actual.Households);
        Assert.Equal(expected.Persons, actual.Persons);
        Assert.Equal(expected.ByStatus.OrderBy(kv => kv.Key), actual.ByStatus.OrderBy(kv => kv.Key));

        var again = CliRun.Invoke(import);
        Assert.Equal(ExitCodes.Success, again.ExitCode);
        Assert.Equal(0, again.Json.GetProperty("households_imported").GetInt64());
        Assert.Equal(400, again.Json.GetProperty("duplicates_skipped").GetInt64());
        Assert.Equal(actual.Persons, (await Counts(db)).Persons);
    }

    [Fact]
    public void ExportedDemo_ImportedBackIntoTheDemosOwnDatabase_HasNoConflicts()
    {
        // Same submission ids with the same content: every household must read back exactly as generated.
        var demoDb = TestDb.At(_dir.File("demo.db"));
        CliRun.Invoke("demo", "--no-serve", "--households", "300", "--db", demoDb, "--export-kobo", Export);
        var run = CliRun.Invoke("import", "registrations", Path.Combine(Export, "registrations.xlsx"), "--db", demoDb, "--json");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(0, run.Json.GetProperty("conflicts").GetInt64());
        Assert.Equal(300, run.Json.GetProperty("duplicates_skipped").GetInt64());
    }

    [Fact]
    public void ExportedHazardLayers_ImportIntoAFreshDatabaseWithTheirPolygons()
    {
        var demo = CliRun.Invoke("demo", "--no-serve", "--households", "100", "--db", TestDb.At(_dir.File("demo.db")), "--export-kobo", Export, "--json");
        var db = FreshDatabaseWithDemoAreas("hazards.db");
        var polygons = 0L;
        foreach (var type in new[] { "flood", "erosion" })
        {
            var run = CliRun.Invoke("import", "hazards", Path.Combine(Export, type + ".geojson"), "--type", type, "--db", db, "--json");
            Assert.Equal(ExitCodes.Success, run.ExitCode);
            polygons += run.Json.GetProperty("polygons").GetInt64();
        }
        Assert.Equal(demo.Json.GetProperty("hazard_polygons").GetInt64(), polygons);
    }

    public void Dispose() => _dir.Dispose();
}
