using System.Text.Json;
using Mosaic.Core.Import;
using Mosaic.Core.Mobility;

namespace Mosaic.Cli.Tests.Mobility;

/// <summary>The mobility commands end to end, as a user runs them.</summary>
public sealed class MobilityCliTests
{
    private static (int Exit, string Out, string Error) Run(params string[] args)
    {
        var run = CliRun.Invoke(args);
        return (run.ExitCode, run.Out, run.Error);
    }

    [Fact]
    public void ImportDtm_ThenSummaryJson_PrintsTheRoundTotals()
    {
        using var t = new MobilityTestStore();
        t.Store.Dispose();
        var file = t.Copy("dtm/displacement-admin0-admin0pcode-afg.json");
        var import = Run("import", "dtm", file, "--db", t.DbPath);
        Assert.Equal(0, import.Exit);
        Assert.Contains("133 inserted", import.Out, StringComparison.Ordinal);

        var summary = Run("mobility", "summary", "--round", "1", "--db", t.DbPath, "--json");
        Assert.Equal(0, summary.Exit);
        using var doc = JsonDocument.Parse(summary.Out);
        var round = Assert.Single(doc.RootElement.GetProperty("rounds").EnumerateArray());
        Assert.Equal(246362, round.GetProperty("individuals").GetInt64());
        Assert.Equal("idp", round.GetProperty("population_type").GetString());
        t.Reopen();
    }

    [Fact]
    public void ImportDtm_WithBadRecords_ExitsWithInputRejectedAndWritesTheErrorsFile()
    {
        using var t = new MobilityTestStore();
        t.Store.Dispose();
        var file = t.Write("bad.json", """{"result": [{"id": 1, "operation": "X", "admin0Pcode": "HTI", "numPresentIdpInd": 10, "reportingDate": "2020-01-31T00:00:00", "roundNumber": 1, "assessmentType": "QQ"}]}""");
        var run = Run("import", "dtm", file, "--db", t.DbPath);
        Assert.Equal(3, run.Exit);
        Assert.Contains("bad.json [result], row 1, column 'assessmentType': record 1: unknown assessment type", run.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(file + ".errors.csv"));
        t.Reopen();
    }

    [Fact]
    public async Task ExportDtm_OfTheDemo_ImportsBackIntoTheSameRecords()
    {
        using var t = new MobilityTestStore();
        await Core.Demo.MobilityDemo.WriteAsync(t.Store, cancellationToken: TestContext.Current.CancellationToken);
        t.Store.Dispose();
        var out1 = t.File("demo-dtm.csv");
        Assert.Equal(0, Run("export", "dtm", "--format", "hxl", "--out", out1, "--db", t.DbPath).Exit);
        var lines = File.ReadAllLines(out1);
        Assert.StartsWith("id,operation,admin0Name,admin0Pcode", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("#id+code,#operation+name", lines[1], StringComparison.Ordinal);
        Assert.Equal(2 + Core.Demo.MobilityDemo.Assessments().Count, lines.Length);

        using var again = new MobilityTestStore();
        await again.Store.Areas.UpsertAsync(Core.Demo.MobilityDemo.Areas(), cancellationToken: TestContext.Current.CancellationToken);
        var result = await Core.Mobility.Import.DtmImporter.ImportAsync(again.Store.Areas, again.Store.Mobility, ImportSource.FromFile(out1), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        var round3 = (await again.Store.Mobility.ReadAssessmentsAsync(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken)).Where(a => a.Round == 3).Sum(a => a.Individuals(PopulationType.Idp));
        Assert.Equal(Core.Demo.MobilityDemo.Assessments().Where(a => a.Round == 3).Sum(a => a.Individuals(PopulationType.Idp)), round3);
        t.Reopen();
    }

    [Fact]
    public async Task MobilitySummary_AsHxl_HasTheTagRowAndFlowRows()
    {
        using var t = new MobilityTestStore();
        await Core.Demo.MobilityDemo.WriteAsync(t.Store, cancellationToken: TestContext.Current.CancellationToken);
        t.Store.Dispose();
        var run = Run("mobility", "summary", "--format", "hxl", "--split-date", Core.Demo.MobilityDemo.Closure.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "--db", t.DbPath);
        Assert.Equal(0, run.Exit);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("#meta+section,#meta+dataset,#operation+name,#adm+level,#assessment+type,#adm+code,#adm+name,#date+period,#date+reported," +
            "#indicator+category,#indicator+name,#indicator+num", lines[1]);
        // Round rows carry the reporting date of their round.
        var round1 = MobilityDemoDate(1);
        Assert.Contains(lines, l => l.StartsWith("round,demo,", StringComparison.Ordinal) && l.Contains($",round 1,{round1},", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("flow,flows,", StringComparison.Ordinal) && l.Contains(",after_minus_before,daily_in,", StringComparison.Ordinal));
        t.Reopen();
    }

    private static string MobilityDemoDate(int round) =>
        Core.Demo.MobilityDemo.Assessments().First(a => a.Round == round).ReportingDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void MobilitySummary_WithABadLevel_FailsWithAClearMessage()
    {
        using var t = new MobilityTestStore();
        t.Store.Dispose();
        var run = Run("mobility", "summary", "--level", "district", "--db", t.DbPath);
        Assert.NotEqual(0, run.Exit);
        Assert.Contains("--level must be adm0, adm1, adm2", run.Error, StringComparison.Ordinal);
        t.Reopen();
    }
}
