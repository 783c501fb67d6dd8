using Mosaic.Cli.Infrastructure;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Commands;

public sealed class ImportAreasCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Db => TestDb.At(_dir.File("mosaic.db"));

    [Fact]
    public async Task ImportAreas_RealGlobalTable_ImportsEveryAreaWithParentsResolved()
    {
        var run = CliRun.Invoke("import", "areas", TestData.GlobalPcodes, "--db", Db, "--json");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var rows = File.ReadLines(TestData.GlobalPcodes).Count() - 2;
        var inserted = run.Json.GetProperty("areas_inserted").GetInt32();
        Assert.True(inserted > rows, $"{inserted} areas for {rows} rows (plus countries)");

        using var store = TestDb.Open(Db);
        var all = await store.Areas.AllAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(inserted, all.Count);
        var codes = all.Select(a => a.Pcode).ToHashSet();
        Assert.All(all.Where(a => a.ParentPcode is not null), a => Assert.Contains(a.ParentPcode!, codes));
        Assert.Equal(["BD5549"], (await store.Areas.SubtreeAsync("BD5549", cancellationToken: TestContext.Current.CancellationToken)).Select(a => a.Pcode));
        Assert.Contains("BD5549", (await store.Areas.SubtreeAsync("BGD", cancellationToken: TestContext.Current.CancellationToken)).Select(a => a.Pcode));
    }

    [Fact]
    public void ImportAreas_SameFileTwice_SecondRunChangesNothing()
    {
        CliRun.Invoke("import", "areas", TestData.GlobalPcodes, "--db", Db);
        var second = CliRun.Invoke("import", "areas", TestData.GlobalPcodes, "--db", Db, "--json");
        Assert.Equal(0, second.Json.GetProperty("areas_inserted").GetInt32());
        Assert.Equal(0, second.Json.GetProperty("areas_updated").GetInt32());
    }

    [Fact]
    public async Task ImportAreas_UnknownParent_ImportsNothingAndWritesTheErrorsFile()
    {
        var csv = _dir.File("areas.csv");
        File.WriteAllText(csv, "\uFEFFLocation,Admin Level,P-Code,Name,Parent P-Code\n" +
                               "#country+code,#geo+admin_level,#adm+code,#adm+name,#adm+code+parent\n" +
                               "BGD,1,BD55,Rangpur,BGD\nBGD,2,BD9999,Nowhere,BD99\n");
        var run = CliRun.Invoke("import", "areas", csv, "--db", Db);
        Assert.Equal(ExitCodes.InputRejected, run.ExitCode);
        Assert.Contains("row 4", run.Error, StringComparison.Ordinal);
        var errors = File.ReadAllLines(csv + ".errors.csv");
        Assert.Equal("file,sheet,row,column,value,reason", errors[0]);
        Assert.StartsWith("areas.csv,,4,parent,BD99,", errors[1], StringComparison.Ordinal);
        using var store = TestDb.Open(Db);
        Assert.Equal(0, await store.Areas.CountAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ImportAreas_SkipInvalid_ImportsTheValidRows()
    {
        var csv = _dir.File("areas.csv");
        File.WriteAllText(csv, "Location,Admin Level,P-Code,Name,Parent P-Code\nBGD,1,BD55,Rangpur,BGD\nBGD,2,BD9999,Nowhere,BD99\n");
        var run = CliRun.Invoke("import", "areas", csv, "--db", Db, "--skip-invalid");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var store = TestDb.Open(Db);
        Assert.NotNull(await store.Areas.GetAsync("BD55", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Null(await store.Areas.GetAsync("BD9999", cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ImportAreas_GeoJsonBoundaries_AttachToExistingAreas()
    {
        CliRun.Invoke("import", "areas", TestData.GlobalPcodes, "--db", Db);
        var geojson = _dir.File("kurigram.geojson");
        File.WriteAllText(geojson, """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"ADM2_PCODE":"BD5549","ADM2_EN":"Kurigram","ADM1_PCODE":"BD55"},
              "geometry":{"type":"MultiPolygon","coordinates":[[[[89.5,25.4],[89.9,25.4],[89.9,25.9],[89.5,25.9],[89.5,25.4]]],
                                                                [[[89.95,25.5],[90.0,25.5],[90.0,25.6],[89.95,25.5]]]]}},
             {"type":"Feature","properties":{"ADM2_PCODE":"BD5527"},"geometry":{"type":"Point","coordinates":[88.6,25.6]}}
            ]}
            """);
        var run = CliRun.Invoke("import", "areas", geojson, "--db", Db, "--skip-invalid", "--json");
        Assert.Equal(1, run.Json.GetProperty("rows_rejected").GetInt32());
        Assert.Contains("Polygon or MultiPolygon", run.Error, StringComparison.Ordinal);
        using var store = TestDb.Open(Db);
        var kurigram = (await store.Areas.GetAsync("BD5549", cancellationToken: TestContext.Current.CancellationToken))!;
        Assert.Equal("Kurigram", kurigram.Name);
        Assert.Equal("MultiPolygon", kurigram.Boundary!.GeometryType);
    }

    [Fact]
    public void ImportAreas_MissingFile_SaysSoWithItsExitCode()
    {
        var run = CliRun.Invoke("import", "areas", _dir.File("nope.csv"), "--db", Db);
        Assert.Equal(ExitCodes.FileNotFound, run.ExitCode);
        Assert.Contains("file not found", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
