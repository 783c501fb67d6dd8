using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Mosaic.Core.Demo;
using Mosaic.Core.Storage;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Commands;

/// <summary>Scenario 1 on fixtures: import hazard layers, score, and produce a target list with quotas per union.</summary>
public sealed class ScoringScenarioTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public ScoringScenarioTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        using var store = TestDb.Open(_db);
        store.Areas.UpsertAsync(Fixtures.Areas).GetAwaiter().GetResult();
        store.Registry.ImportAsync("test", SyntheticHouseholds.Generate(400, 11)).GetAwaiter().GetResult();
    }

    public void Dispose() => _dir.Dispose();

    private string WriteLayers()
    {
        var flood = _dir.File("flood.geojson");
        HazardDemo.WriteGeoJson(HazardDemo.Flood(), flood);
        HazardDemo.WriteGeoJson(HazardDemo.Erosion(), _dir.File("erosion.geojson"));
        return flood;
    }

    [Fact]
    public void ImportScoreTarget_EndToEnd_WritesAnExplainedListWithQuotasPerUnion()
    {
        var flood = WriteLayers();
        var imported = CliRun.Invoke("import", "hazards", flood, "--type", "flood", "--db", _db);
        Assert.True(imported.ExitCode == 0, imported.Error);
        Assert.Contains("flood layer 'flood'", imported.Out, StringComparison.Ordinal);
        Assert.Equal(0, CliRun.Invoke("import", "hazards", _dir.File("erosion.geojson"), "--type", "erosion", "--db", _db).ExitCode);
        // Idempotent: the same file replaces the layer.
        Assert.Contains("replaced", CliRun.Invoke("import", "hazards", flood, "--type", "flood", "--db", _db).Out, StringComparison.Ordinal);

        var score = CliRun.Invoke("score", "--db", _db, "--json");
        Assert.True(score.ExitCode == 0, score.Error);
        using var summary = JsonDocument.Parse(score.Out);
        Assert.Equal(400, summary.RootElement.GetProperty("households").GetInt32());
        Assert.True(summary.RootElement.GetProperty("exposure_methods").GetProperty("gps").GetInt32() > 0);
        Assert.Equal("1.0.0", summary.RootElement.GetProperty("model_version").GetString());

        var csv = _dir.File("targets.csv");
        var target = CliRun.Invoke("target", "--count", "50", "--area", "BD554909", "--out", csv, "--db", _db);
        Assert.True(target.ExitCode == 0, target.Error);
        Assert.Contains("50 of 400 eligible households targeted", target.Out, StringComparison.Ordinal);
        Assert.Contains("errors vs reference welfare", target.Out, StringComparison.Ordinal);
        var lines = File.ReadAllLines(csv);
        Assert.Equal(51, lines.Length);
        Assert.StartsWith("target_rank,rank,submission_id", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("phone", lines[0], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), l => Assert.Contains("Bangladesh > Rangpur > Kurigram > Chilmari", l, StringComparison.Ordinal));

        var xlsx = _dir.File("targets.xlsx");
        Assert.Equal(0, CliRun.Invoke("target", "--budget", "100000", "--transfer", "4000", "--quota", "equal", "--include-contacts", "--out", xlsx, "--db", _db).ExitCode);
        using var doc = SpreadsheetDocument.Open(xlsx, false);
        var rows = doc.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().ToList();
        Assert.Equal(26, rows.Count);
        Assert.Contains("phone", rows[0].InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public void Target_BeforeScoring_TellsTheUserToScore()
    {
        var result = CliRun.Invoke("target", "--count", "5", "--out", _dir.File("t.csv"), "--db", _db);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("run mosaic score first", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportHazards_BadFeatures_AreRejectedWithFeatureAndReason()
    {
        var path = _dir.File("bad.geojson");
        File.WriteAllText(path, """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"severity":0.5},"geometry":{"type":"Polygon","coordinates":[[[89.6,25.5],[89.7,25.5],[89.7,25.6],[89.6,25.5]]]}},
              {"type":"Feature","properties":{"severity":7},"geometry":{"type":"Polygon","coordinates":[[[89.6,25.5],[89.7,25.5],[89.7,25.6],[89.6,25.5]]]}},
              {"type":"Feature","properties":{"level":"high"},"geometry":{"type":"Polygon","coordinates":[[[89.6,25.5],[89.7,25.5],[89.7,25.6],[89.6,25.5]]]}},
              {"type":"Feature","properties":{"severity":"high"},"geometry":{"type":"Point","coordinates":[89.6,25.5]}},
              {"type":"Feature","properties":{"severity":"low"},"geometry":{"type":"Polygon","coordinates":[[[500000,2800000],[510000,2800000],[510000,2810000],[500000,2800000]]]}}
            ]}
            """);
        var result = CliRun.Invoke("import", "hazards", path, "--type", "flood", "--db", _db);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("nothing imported", result.Out, StringComparison.Ordinal);
        Assert.Contains("bad.geojson [features], row 2, column 'severity': severity must be between 0 and 1", result.Error, StringComparison.Ordinal);
        Assert.Contains("row 3, column 'severity': feature has no 'severity' property", result.Error, StringComparison.Ordinal);
        Assert.Contains("row 4, column 'geometry': hazard geometry must be a non-empty Polygon or MultiPolygon", result.Error, StringComparison.Ordinal);
        Assert.Contains("row 5, column 'geometry': coordinates are outside longitude", result.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(path + ".errors.csv"));
        Assert.Equal(0, CliRun.Invoke("import", "hazards", path, "--type", "flood", "--db", _db, "--skip-invalid").ExitCode);
    }

    [Fact]
    public void ImportHazards_UnknownType_IsAUsageError()
    {
        var flood = WriteLayers();
        var result = CliRun.Invoke("import", "hazards", flood, "--type", "tsunami", "--db", _db);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown hazard type 'tsunami'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_InvalidModel_NamesTheProblemByJsonPath()
    {
        var model = _dir.File("m.json");
        File.WriteAllText(model, """{ "id": "x", "version": "1", "dimensions": [ { "id": "d", "indicators": [ { "id": "a", "feature": "debt" } ] } ] }""");
        var result = CliRun.Invoke("score", "--model", model, "--db", _db);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("invalid vulnerability model m.json", result.Error, StringComparison.Ordinal);
        Assert.Contains("$.dimensions[0].indicators[0].transform: required", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreCalibrate_ReportsHandWeightedAndCalibratedErrorsSideBySide()
    {
        var saved = _dir.File("calibrated.json");
        var result = CliRun.Invoke("score", "--calibrate", "--save-model", saved, "--db", _db);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("hand-weighted", result.Out, StringComparison.Ordinal);
        Assert.Contains("calibrated  ", result.Out, StringComparison.Ordinal);
        Assert.Equal(0, CliRun.Invoke("score", "--model", saved, "--db", _db).ExitCode);
    }
}
