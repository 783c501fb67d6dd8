using System.Text;
using System.Text.Json;
using Mosaic.Core.Import;
using Mosaic.Core.Mobility.Import;

namespace Mosaic.Cli.Tests.Mobility;

/// <summary>The smaller points of issue 9: what the summary says when a selection is empty, HAPI files, output details.</summary>
public sealed class DtmSummaryOutputTests
{
    private const string Chad = "displacement-admin2-admin0pcode-tcd.json";
    private const string Hapi = "hdx_hapi_idps_global.csv";

    private static (int Exit, string Out, string Error) Run(params string[] args)
    {
        var run = CliRun.Invoke(args);
        return (run.ExitCode, run.Out, run.Error);
    }

    private static async Task<MobilityTestStore> ChadStore()
    {
        var t = new MobilityTestStore(withPcodes: true);
        Assert.Empty((await DtmImporter.ImportAsync(t.Store.Areas, t.Store.Mobility, ImportSource.FromFile(t.Copy("dtm/" + Chad)), cancellationToken: TestContext.Current.CancellationToken)).Errors);
        t.Store.Dispose();
        return t;
    }

    [Fact]
    public async Task Summary_AtALevelTheDataDoesNotHave_SaysAtWhichLevelsItIsReported()
    {
        using var t = (await ChadStore());
        var run = Run("mobility", "summary", "--level", "adm3", "--db", t.DbPath);
        Assert.Equal(0, run.Exit);
        Assert.Contains("no assessment is reported at adm3 or finer: the data is reported at adm2", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("no mobility data", run.Out, StringComparison.Ordinal);
        t.Reopen();
    }

    [Fact]
    public async Task Summary_ForARoundNoSeriesHas_NamesTheRoundAndTheRoundsThereAre()
    {
        using var t = (await ChadStore());
        var raw = DtmSeriesTests.RawJson(t.Copy("dtm/" + Chad));
        var run = Run("mobility", "summary", "--round", "99", "--db", t.DbPath);
        Assert.Equal(0, run.Exit);
        Assert.Contains($"round 99: no series has round 99 (rounds in the selected data: {raw.Min(r => r.Round)} to {raw.Max(r => r.Round)})",
            run.Out, StringComparison.Ordinal);
        t.Reopen();
    }

    [Fact]
    public async Task Summary_OfDtmRecordsWithoutHouseholds_LeavesHouseholdsEmpty_AndNamesTheCountry()
    {
        using var t = (await ChadStore());
        var json = Run("mobility", "summary", "--round", "1", "--db", t.DbPath, "--json");
        using var doc = JsonDocument.Parse(json.Out);
        var rounds = doc.RootElement.GetProperty("rounds").EnumerateArray().ToList();
        Assert.Equal(["BA", "SA"], rounds.Select(r => r.GetProperty("assessment_type").GetString()));
        Assert.All(rounds, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("households").ValueKind));
        Assert.All(rounds, r => Assert.Equal("Chad", r.GetProperty("area_name").GetString()));

        var csv = Run("mobility", "summary", "--round", "1", "--format", "csv", "--db", t.DbPath);
        var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(lines, l => l.Contains(",households,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("round,dtm,Lake Chad Basin Crisis,adm2,BA,TCD,Chad,round 1,2017-09-30,idp,individuals,147032", StringComparison.Ordinal));
        t.Reopen();
    }

    [Fact]
    public async Task ImportHapi_WithDatesCarryingATimeAndAnOffset_ReadsTheSameRecordsAsWithPlainDates()
    {
        using var plain = new MobilityTestStore(withPcodes: true);
        var source = plain.Copy("dtm/" + Hapi);
        var first = await DtmImporter.ImportAsync(plain.Store.Areas, plain.Store.Mobility, ImportSource.FromFile(source), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(first.Errors);

        // The layout of 6 of 10 real HAPI versions: "2010-11-30 00:00:00+00:00".
        var rows = DtmImportTests.ReadCells(source);
        var start = Array.IndexOf(rows[0], "reference_period_start");
        var end = Array.IndexOf(rows[0], "reference_period_end");
        var text = new StringBuilder();
        foreach (var (row, i) in rows.Select((r, i) => (r, i)))
        {
            var cells = row.Select((c, col) => i > 0 && !row[0].StartsWith('#') && (col == start || col == end) ? c + " 00:00:00+00:00" : c);
            text.Append(string.Join(',', cells.Select(c => c.Contains(',') || c.Contains('"') ? $"\"{c.Replace("\"", "\"\"")}\"" : c))).Append('\n');
        }
        using var stamped = new MobilityTestStore(withPcodes: true);
        var second = await DtmImporter.ImportAsync(stamped.Store.Areas, stamped.Store.Mobility, ImportSource.FromFile(stamped.Write("hapi-stamped.csv", text.ToString())), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(second.Errors);
        Assert.Equal(first.RecordsRead, second.RecordsRead);
        Assert.Equal(await Totals(plain), await Totals(stamped));
    }

    [Fact]
    public async Task ImportHapi_WithABadRound_NamesHapisColumn()
    {
        using var t = new MobilityTestStore();
        var rows = DtmImportTests.ReadCells(t.Copy("dtm/" + Hapi));
        var round = Array.IndexOf(rows[0], "reporting_round");
        var bad = rows[1].Select((c, i) => i == round ? "x" : c);
        var path = t.Write("hapi.csv", string.Join(',', rows[0]) + "\n" + string.Join(',', bad.Select(c => c.Contains(',') ? $"\"{c}\"" : c)) + "\n");
        var issue = Assert.Single((await DtmImporter.ImportAsync(t.Store.Areas, t.Store.Mobility, ImportSource.FromFile(path), cancellationToken: TestContext.Current.CancellationToken)).Errors);
        Assert.Equal("reporting_round", issue.Column);
        Assert.Contains("not a whole number", issue.Reason, StringComparison.Ordinal);
    }

    private static async Task<List<string>> Totals(MobilityTestStore t) =>
        [.. (await t.Store.Mobility.ReadAssessmentTotalsAsync(cancellationToken: TestContext.Current.CancellationToken)).Select(r => $"{r.Series} {r.Round} {r.ReportingDate:yyyy-MM-dd} {r.LocationKey} {r.Individuals}").Order(StringComparer.Ordinal)];
}
