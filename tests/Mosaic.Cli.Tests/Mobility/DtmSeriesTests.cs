using System.Globalization;
using System.Text.Json;
using Mosaic.Core.Import;
using Mosaic.Core.Mobility;
using Mosaic.Core.Mobility.Analysis;
using Mosaic.Core.Mobility.Import;

namespace Mosaic.Cli.Tests.Mobility;

/// <summary>
/// Issue 9 on the real DTM files: series by assessment type, duplicated and renumbered rounds, round 0 as a base,
/// change from the earlier round to the later. Every expected figure is recounted here from the raw file.
/// </summary>
public sealed class DtmSeriesTests
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>The raw records of a DTM API response: operation, level, type, round, date (yyyy-MM-dd), IDPs, id.</summary>
    internal static List<(string Operation, int Level, string Type, int Round, string Date, long Idps, long? Id)> RawJson(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return [.. doc.RootElement.GetProperty("result").EnumerateArray().Select(r => (
            r.GetProperty("operation").GetString()!,
            r.TryGetProperty("admin2Pcode", out _) ? 2 : r.TryGetProperty("admin1Pcode", out _) ? 1 : 0,
            r.GetProperty("assessmentType").GetString()!,
            r.GetProperty("roundNumber").GetInt32(),
            r.GetProperty("reportingDate").GetString()![..10],
            r.GetProperty("numPresentIdpInd").GetInt64(),
            r.TryGetProperty("id", out var id) ? id.GetInt64() : (long?)null))];
    }

    private static async Task<SummaryReport> Summary(MobilityTestStore t, SummaryOptions options) => await MobilitySummary.RunAsync(t.Store, options, cancellationToken: TestContext.Current.CancellationToken);

    private static async Task<MobilityTestStore> Imported(params string[] files)
    {
        var t = new MobilityTestStore(withPcodes: true);
        foreach (var f in files)
        {
            var result = await DtmImporter.ImportAsync(t.Store.Areas, t.Store.Mobility, ImportSource.FromFile(t.Copy("dtm/" + f)), cancellationToken: TestContext.Current.CancellationToken);
            Assert.Empty(result.Errors);
        }
        return t;
    }

    private const string Chad = "displacement-admin2-admin0pcode-tcd.json";
    private const string Iraq = "idpadmin0data-getadmin0datav2-admin0pcode-irq.json";
    private const string Sudan = "idpadmin0data-getadmin0datav2-admin0pcode-sdn.json";
    private const string Haiti = "displacement-admin2-admin0pcode-hti.json";

    [Fact]
    public async Task Chad_Round1_IsTheBaselineTotal_NotBaselinePlusSite()
    {
        using var t = (await Imported(Chad));
        var raw = RawJson(t.Copy("dtm/" + Chad));
        var baseline = raw.Where(r => r.Type == "BA" && r.Round == 1).Sum(r => r.Idps);
        var site = raw.Where(r => r.Type == "SA" && r.Round == 1).Sum(r => r.Idps);
        Assert.Equal(147_032, baseline);

        var rounds = (await Summary(t, new SummaryOptions())).Rounds.Where(r => r.Round == 1).ToList();
        var ba = Assert.Single(rounds, r => r.Assessment == AssessmentType.BaselineArea);
        var sa = Assert.Single(rounds, r => r.Assessment == AssessmentType.Site);
        Assert.Equal(baseline, ba.Individuals);
        Assert.Equal(site, sa.Individuals);
        Assert.Equal("Chad", ba.AreaName);
    }

    [Theory]
    [InlineData(9, 10)]
    [InlineData(10, 9)]
    public async Task Chad_LakeChad9To10_IsTheBaselineChange_FromTheEarlierRoundToTheLater(int round, int compare)
    {
        using var t = (await Imported(Chad));
        var raw = RawJson(t.Copy("dtm/" + Chad));
        long Ba(int r) => raw.Where(x => x.Type == "BA" && x.Round == r).Sum(x => x.Idps);
        Assert.Equal(39_379, Ba(10) - Ba(9));

        var report = (await Summary(t, new SummaryOptions(Round: round, Compare: compare)));
        // The site series has a round 9 but no round 10: it has nothing to compare.
        var change = Assert.Single(report.Changes);
        Assert.Equal(AssessmentType.BaselineArea, change.Assessment);
        Assert.Equal((9, 10), (change.FromRound, change.ToRound));
        Assert.Equal((Ba(9), Ba(10)), (change.FromIndividuals!.Value, change.ToIndividuals!.Value));
        Assert.Equal(Ba(10) - Ba(9), change.Change);
        Assert.Equal(Math.Round(100.0 * (Ba(10) - Ba(9)) / Ba(9), 1), change.ChangePercent);
        Assert.Equal(23.3, change.ChangePercent);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Chad_InTheHdxFile_AtEachReportingLevel_HasTheBaselineRound1AndItsChange9To10(int level)
    {
        using var t = (await Imported("global-iom-dtm-from-api-admin-0-to-2.csv"));
        // Columns of the HDX file: 3 admin0Pcode, 8 adminLevel, 9 numPresentIdpInd, 13 roundNumber, 19 assessmentType.
        var chad = DtmImportTests.ReadCells(t.Copy("dtm/global-iom-dtm-from-api-admin-0-to-2.csv")).Skip(2)
            .Where(r => r[3] == "TCD" && r[8] == level.ToString(s_inv) && r[19] == "BA").ToList();
        long Ba(int round) => chad.Where(r => r[13] == round.ToString(s_inv)).Sum(r => long.Parse(r[9], s_inv));
        Assert.Equal((147_032, 39_379), (Ba(1), Ba(10) - Ba(9)));

        var options = new SummaryOptions { Dataset = "dtm", Operation = "Lake Chad Basin Crisis" };
        var round1 = (await Summary(t, options with { Round = 1 })).Rounds
            .Single(r => r.ReportingLevel == level && r.AreaPcode == "TCD" && r.Assessment == AssessmentType.BaselineArea);
        Assert.Equal(Ba(1), round1.Individuals);
        var change = Assert.Single((await Summary(t, options with { Round = 9, Compare = 10 })).Changes, c => c.ReportingLevel == level && c.AreaPcode == "TCD");
        Assert.Equal((Ba(10) - Ba(9), 23.3), (change.Change!.Value, change.ChangePercent!.Value));
    }

    [Fact]
    public async Task Iraq_Round48AtTwoDates_IsImportedWholeWithWarningsNamingBothRecords_AndShownApart()
    {
        using var t = new MobilityTestStore(withPcodes: true);
        var path = t.Copy("dtm/" + Iraq);
        var result = await DtmImporter.ImportAsync(t.Store.Areas, t.Store.Mobility, ImportSource.FromFile(path), cancellationToken: TestContext.Current.CancellationToken);
        var raw = RawJson(path);
        Assert.Empty(result.Errors);
        Assert.Equal(raw.Count, await t.Store.Mobility.CountAssessmentsAsync(TestContext.Current.CancellationToken));

        var first48 = raw.Single(r => r.Round == 48 && r.Date == "2016-04-01");
        var second48 = raw.Single(r => r.Round == 48 && r.Date == "2016-06-01");
        var r46 = raw.Single(r => r.Round == 46);
        var duplicate = Assert.Single(result.Warnings, w => w.Reason.Contains("round 48 is reported at two dates", StringComparison.Ordinal));
        Assert.Contains($"record dtm:adm0:{first48.Id}", duplicate.Reason, StringComparison.Ordinal);
        Assert.Contains($"record dtm:adm0:{second48.Id}", duplicate.Reason, StringComparison.Ordinal);
        var back = Assert.Single(result.Warnings, w => w.Reason.Contains("round numbers go back", StringComparison.Ordinal));
        Assert.Contains($"record dtm:adm0:{first48.Id}", back.Reason, StringComparison.Ordinal);
        Assert.Contains($"record dtm:adm0:{r46.Id}", back.Reason, StringComparison.Ordinal);

        var report = (await Summary(t, new SummaryOptions()));
        var round48 = report.Rounds.Where(r => r.Round == 48).OrderBy(r => r.ReportingDate).ToList();
        Assert.Equal([first48.Idps, second48.Idps], round48.Select(r => r.Individuals));
        Assert.All(round48, r => Assert.Contains("duplicate_round", r.Anomaly, StringComparison.Ordinal));
        Assert.Equal(first48.Idps, report.Rounds.Single(r => r.Round == 48 && r.ReportingDate == new DateOnly(2016, 4, 1)).Individuals);
        Assert.Equal(raw.Single(r => r.Round == 46).Idps, Assert.Single(report.Rounds, r => r.Round == 46).Individuals);
        Assert.Contains(report.Anomalies, a => a.Kind == RoundAnomalyKind.DuplicateRound && a.Earlier.Round == 48 && a.Later.Round == 48);
        Assert.Contains(report.Anomalies, a => a.Kind == RoundAnomalyKind.Renumbered && a.Earlier.Round == 48 && a.Later.Round == 46);
    }

    [Fact]
    public async Task Iraq_CompareWithTheDuplicatedRound_SaysWhyInsteadOfGuessing_AndTheNextRoundComparesWithThePreviousDate()
    {
        using var t = (await Imported(Iraq));
        var raw = RawJson(t.Copy("dtm/" + Iraq));
        var ambiguous = (await Summary(t, new SummaryOptions(Round: 46, Compare: 48)));
        Assert.Empty(ambiguous.Changes);
        Assert.Contains(ambiguous.Notes, n => n.Contains("round 48", StringComparison.Ordinal) && n.Contains("2016-04-01, 2016-06-01", StringComparison.Ordinal));

        // Without --round, round 50 is compared with the round just before it in time: the June round 48.
        var next = Assert.Single((await Summary(t, new SummaryOptions(Compare: 50))).Changes);
        Assert.Equal((48, new DateOnly(2016, 6, 1)), (next.FromRound, next.FromDate));
        Assert.Equal(raw.Single(r => r.Round == 50).Idps - raw.Single(r => r.Date == "2016-06-01").Idps, next.Change);
    }

    [Fact]
    public async Task Sudan_DarfurRenumberedIn2020_ImportsWholeAndKeepsTheNewestRounds()
    {
        using var t = new MobilityTestStore(withPcodes: true);
        var path = t.Copy("dtm/" + Sudan);
        var result = await DtmImporter.ImportAsync(t.Store.Areas, t.Store.Mobility, ImportSource.FromFile(path), cancellationToken: TestContext.Current.CancellationToken);
        var raw = RawJson(path);
        Assert.Empty(result.Errors);
        Assert.Equal(raw.Count, result.Counts.Inserted);
        Assert.Contains(result.Warnings, w => w.Reason.Contains("round numbers go back in series dtm / Darfur conflict", StringComparison.Ordinal)
            && w.Reason.Contains("round 70 on 2018-08-30", StringComparison.Ordinal) && w.Reason.Contains("round 1 on 2020-01-30", StringComparison.Ordinal));

        var darfur = (await Summary(t, new SummaryOptions { Operation = "Darfur conflict" }));
        var newest = raw.Where(r => r.Operation == "Darfur conflict" && string.CompareOrdinal(r.Date, "2020") > 0).ToList();
        Assert.Equal(5, newest.Count);
        foreach (var r in newest)
            Assert.Equal(r.Idps, Assert.Single(darfur.Rounds, x => x.Round == r.Round && x.ReportingDate.ToString("yyyy-MM-dd", s_inv) == r.Date).Individuals);
        Assert.Contains(darfur.Anomalies, a => a.Kind == RoundAnomalyKind.Renumbered && a.Earlier.Round == 70 && a.Later.Round == 1);

        var change = Assert.Single((await Summary(t, new SummaryOptions(Round: 4, Compare: 5) { Operation = "Darfur conflict" })).Changes);
        Assert.Equal(newest.Single(r => r.Round == 5).Idps - newest.Single(r => r.Round == 4).Idps, change.Change);
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(2, 0)]
    public async Task Haiti_Round0_IsABaseLikeAnyOther(int round, int compare)
    {
        using var t = (await Imported(Haiti));
        var raw = RawJson(t.Copy("dtm/" + Haiti)).Where(r => r.Operation == "Countrywide monitoring" && r.Type == "SA").ToList();
        long Sum(int r) => raw.Where(x => x.Round == r).Sum(x => x.Idps);
        var report = (await Summary(t, new SummaryOptions(Round: round, Compare: compare) { Operation = "Countrywide monitoring" }));
        // Only the site series has a round 0; the baseline series starts at round 1.
        var change = Assert.Single(report.Changes);
        Assert.Equal(AssessmentType.Site, change.Assessment);
        Assert.Equal((0, 2), (change.FromRound, change.ToRound));
        Assert.Equal(Sum(2) - Sum(0), change.Change);
    }
}
