using System.Text.Json;
using Mosaic.Cli.Infrastructure;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Import;

/// <summary>
/// A country's COD-AB files after the global P-code table: level 0 given by ISO2 (<c>CF</c>, where the global table
/// says <c>CAF</c>), lowercase GeoJSON keys, tables without level-0 rows, projected coordinates.
/// </summary>
public sealed class CodAbLayoutTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Db => TestDb.At(_dir.File("mosaic.db"));

    public void Dispose() => _dir.Dispose();

    private string Copy(params string[] parts)
    {
        var path = _dir.File(parts[^1]);
        File.Copy(TestData.Path(parts), path, overwrite: true);
        return path;
    }

    private (int Exit, JsonElement Json, string Err) Import(string file)
    {
        var run = CliRun.Invoke("import", "areas", file, "--db", Db, "--json");
        return (run.ExitCode, run.Out.Length > 0 ? JsonDocument.Parse(run.Out).RootElement : default, run.Error);
    }

    private void ImportGlobalTable() => Assert.Equal(ExitCodes.Success, Import(TestData.GlobalPcodes).Exit);

    [Fact]
    public async Task CodAbTable_WithIso2Country_StaysUnderTheIso3Country_AndKeepsCountryCodes()
    {
        ImportGlobalTable();
        var table = Copy("cod", "caf-cod-ab-adm3.csv");

        var (exit, json, err) = Import(table);

        Assert.True(exit == ExitCodes.Success, err);
        Assert.Equal(4, json.GetProperty("areas_inserted").GetInt32()); // the four communes, nothing else
        Assert.Equal(1, json.GetProperty("warnings").GetInt32());
        Assert.Contains("country code CF is the ISO2 code of CAF", File.ReadAllText(table + ".warnings.csv"), StringComparison.Ordinal);
        using var store = TestDb.Open(Db);
        Assert.Null(await store.Areas.GetAsync("CF", cancellationToken: TestContext.Current.CancellationToken));
        var caf = (await store.Areas.GetAsync("CAF", cancellationToken: TestContext.Current.CancellationToken))!;
        Assert.Equal(("République centrafricaine", 0, (string?)null), (caf.Name, caf.Level, caf.ParentPcode)); // the placeholder name "CAF" replaced
        var prefecture = (await store.Areas.GetAsync("CF11", cancellationToken: TestContext.Current.CancellationToken))!;
        Assert.Equal(("CAF", "CAF", new DateOnly(2015, 6, 15)), (prefecture.ParentPcode, prefecture.CountryCode, prefecture.ValidFrom));
        var commune = (await store.Areas.GetAsync("CF11101", cancellationToken: TestContext.Current.CancellationToken))!;
        Assert.Equal(("Bimbo 1", 3, "CF111", "CAF"), (commune.Name, commune.Level, commune.ParentPcode, commune.CountryCode));
        Assert.Contains("CF11101", (await store.Areas.SubtreeAsync("CAF", cancellationToken: TestContext.Current.CancellationToken)).Select(a => a.Pcode));
    }

    [Fact]
    public async Task LowercaseGeoJsonKeys_GiveNewAreasTheirParent()
    {
        ImportGlobalTable();
        var geojson = Copy("cod", "caf-adm3-lowercase.geojson");

        var (exit, json, err) = Import(geojson);

        Assert.True(exit == ExitCodes.Success, err);
        Assert.Equal(2, json.GetProperty("areas_inserted").GetInt32());
        using var store = TestDb.Open(Db);
        var commune = (await store.Areas.GetAsync("CF11103", cancellationToken: TestContext.Current.CancellationToken))!;
        Assert.Equal(("Bimbo 3", 3, "CF111", "CAF"), (commune.Name, commune.Level, commune.ParentPcode, commune.CountryCode));
        Assert.NotNull(commune.Boundary);
        Assert.Null(await store.Areas.GetAsync("CF", cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SameBoundariesTwice_SecondRunReportsUnchanged()
    {
        ImportGlobalTable();
        var geojson = Copy("cod", "caf-adm3-lowercase.geojson");
        Assert.Equal(ExitCodes.Success, Import(geojson).Exit);

        var (exit, json, _) = Import(geojson);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal((0, 0, 2), (json.GetProperty("areas_inserted").GetInt32(), json.GetProperty("areas_updated").GetInt32(),
            json.GetProperty("areas_unchanged").GetInt32()));
    }

    [Fact]
    public async Task TableWithoutLevel0Rows_NeverRenamesTheCountryToItsCode()
    {
        using (var store = TestDb.Open(Db))
            await store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: TestContext.Current.CancellationToken);
        var csv = _dir.File("bgd.csv");
        File.WriteAllText(csv, "Location,Admin Level,P-Code,Name,Parent P-Code\nBGD,1,BD55,Rangpur,BGD\nBGD,2,BD5549,Kurigram,BD55\n");

        var (exit, json, err) = Import(csv);

        Assert.True(exit == ExitCodes.Success, err);
        Assert.Equal(0, json.GetProperty("warnings").GetInt32());
        using var after = TestDb.Open(Db);
        Assert.Equal("Bangladesh", (await after.Areas.GetAsync("BGD", cancellationToken: TestContext.Current.CancellationToken))!.Name);
    }

    [Fact]
    public async Task RenameAndMove_OfAnExistingArea_AreWrittenAndReportedByName()
    {
        using (var store = TestDb.Open(Db))
            await store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: TestContext.Current.CancellationToken);
        var csv = _dir.File("bgd.csv");
        File.WriteAllText(csv, "Location,Admin Level,P-Code,Name,Parent P-Code\nBGD,1,BD55,Rangpur Division,BGD\nBGD,2,BD5527,Dinajpur,BD5549\n");

        var (exit, json, _) = Import(csv);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(2, json.GetProperty("warnings").GetInt32());
        Assert.Equal(csv + ".warnings.csv", json.GetProperty("warnings_file").GetString());
        var report = File.ReadAllText(csv + ".warnings.csv");
        Assert.Contains("warning: BD55 renamed from 'Rangpur' to 'Rangpur Division'", report, StringComparison.Ordinal);
        Assert.Contains("warning: BD5527 'Dinajpur' moved from parent BD55 to BD5549", report, StringComparison.Ordinal);
        using var after = TestDb.Open(Db);
        Assert.Equal("Rangpur Division", (await after.Areas.GetAsync("BD55", cancellationToken: TestContext.Current.CancellationToken))!.Name);
    }

    [Fact]
    public async Task WideTableWithoutParents_NewAreasAreRejectedWithTheirRow_ExistingKeepTheirParent()
    {
        using (var store = TestDb.Open(Db))
            await store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: TestContext.Current.CancellationToken);
        var csv = _dir.File("adm2.csv");
        File.WriteAllText(csv, "ADM2_EN,ADM2_PCODE\nKurigram,BD5549\nGaibandha,BD5532\n");

        var (exit, _, err) = Import(csv);

        Assert.Equal(ExitCodes.InputRejected, exit);
        Assert.Contains("adm2.csv, row 3", err, StringComparison.Ordinal);
        Assert.Contains("new area BD5532 at level 2 has no parent P-code", err, StringComparison.Ordinal);
        Assert.Equal(["file,sheet,row,column,value,reason"], File.ReadAllLines(csv + ".errors.csv").Take(1));
        using var after = TestDb.Open(Db);
        Assert.Null(await after.Areas.GetAsync("BD5532", cancellationToken: TestContext.Current.CancellationToken));

        var skip = CliRun.Invoke("import", "areas", csv, "--db", Db, "--skip-invalid");
        Assert.Equal(ExitCodes.Success, skip.ExitCode);
        using var skipped = TestDb.Open(Db);
        Assert.Equal("BD55", (await skipped.Areas.GetAsync("BD5549", cancellationToken: TestContext.Current.CancellationToken))!.ParentPcode);
        Assert.Equal("BGD", (await skipped.Areas.GetAsync("BD5549", cancellationToken: TestContext.Current.CancellationToken))!.CountryCode);
    }

    [Fact]
    public async Task ProjectedBoundaries_AreRefusedWithTheFeature()
    {
        ImportGlobalTable();
        var geojson = Copy("malformed", "areas", "projected-utm34n.geojson");

        var (exit, _, err) = Import(geojson);

        Assert.Equal(ExitCodes.InputRejected, exit);
        Assert.Contains("projected-utm34n.geojson [features], row 1", err, StringComparison.Ordinal);
        Assert.Contains("not WGS84 longitude/latitude", err, StringComparison.Ordinal);
        using var store = TestDb.Open(Db);
        Assert.Null(await store.Areas.GetAsync("CF11101", cancellationToken: TestContext.Current.CancellationToken));
    }
}
