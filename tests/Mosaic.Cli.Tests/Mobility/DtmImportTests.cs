using System.Globalization;
using System.Text.Json;
using Mosaic.Core.Import;
using Mosaic.Core.Import.Csv;
using Mosaic.Core.Mobility;
using Mosaic.Core.Mobility.Analysis;
using Mosaic.Core.Mobility.Export;
using Mosaic.Core.Mobility.Import;

namespace Mosaic.Cli.Tests.Mobility;

public sealed class DtmImportTests
{
    public static TheoryData<string> RealFiles { get; } = new(Directory.GetFiles(MobilityTestStore.Data("dtm")).Select(Path.GetFileName).Where(f => !f!.EndsWith(".errors.csv", StringComparison.Ordinal))!);

    [Theory]
    [MemberData(nameof(RealFiles))]
    public async Task Import_EveryRealDtmFile_ImportsWholeWithoutRejections(string name)
    {
        using var t = new MobilityTestStore(withPcodes: true);
        var result = await DtmImporter.ImportAsync(t.Store.Areas, t.Store.Mobility, ImportSource.FromFile(t.Copy("dtm/" + name)), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(result.Errors);
        Assert.True(result.Committed);
        Assert.Equal(result.RecordsRead, result.Counts.Inserted);
        Assert.Equal(result.RecordsRead, await t.Store.Mobility.CountAssessmentsAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("displacement-admin0-admin0pcode-afg.json")]
    [InlineData("displacement-admin1-admin0pcode-afg.json")]
    [InlineData("displacement-admin2-admin0pcode-hti.json")]
    [InlineData("displacement-admin2-admin0pcode-tcd.json")]
    public async Task Summary_PerRoundTotals_EqualTheSourceSumsOfNumPresentIdpInd(string name)
    {
        using var t = new MobilityTestStore(withPcodes: true);
        var path = t.Copy("dtm/" + name);
        await DtmImporter.ImportAsync(t.Store.Areas, t.Store.Mobility, ImportSource.FromFile(path), cancellationToken: TestContext.Current.CancellationToken);

        var expected = new Dictionary<(string, int, int), long>();
        using (var doc = JsonDocument.Parse(File.ReadAllBytes(path)))
        {
            foreach (var r in doc.RootElement.GetProperty("result").EnumerateArray())
            {
                var level = r.TryGetProperty("admin2Pcode", out _) ? 2 : r.TryGetProperty("admin1Pcode", out _) ? 1 : 0;
                var key = (r.GetProperty("operation").GetString()!, level, r.GetProperty("roundNumber").GetInt32());
                expected[key] = expected.GetValueOrDefault(key) + r.GetProperty("numPresentIdpInd").GetInt64();
            }
        }
        var report = await MobilitySummary.RunAsync(t.Store, new SummaryOptions(), cancellationToken: TestContext.Current.CancellationToken);
        var actual = report.Rounds.GroupBy(x => (x.Operation!, x.ReportingLevel, x.Round)).ToDictionary(g => g.Key, g => g.Sum(x => x.Individuals));
        Assert.Equal(expected.OrderBy(k => k.Key).ToList(), actual.OrderBy(k => k.Key).ToList());
    }

    [Fact]
    public async Task Summary_OfTheHdxFile_EqualsItsSumsPerOperationLevelAndRound()
    {
        using var t = new MobilityTestStore(withPcodes: true);
        var path = t.Copy("dtm/global-iom-dtm-from-api-admin-0-to-2.csv");
        await DtmImporter.ImportAsync(t.Store.Areas, t.Store.Mobility, ImportSource.FromFile(path), cancellationToken: TestContext.Current.CancellationToken);
        var expected = new Dictionary<(string, int, int), long>();
        foreach (var row in ReadCells(path).Skip(2))
        {
            var key = (row[1], int.Parse(row[8], CultureInfo.InvariantCulture), int.Parse(row[13], CultureInfo.InvariantCulture));
            expected[key] = expected.GetValueOrDefault(key) + long.Parse(row[9], CultureInfo.InvariantCulture);
        }
        var report = await MobilitySummary.RunAsync(t.Store, new SummaryOptions { Dataset = "dtm" }, cancellationToken: TestContext.Current.CancellationToken);
        var actual = report.Rounds.GroupBy(x => (x.Operation!, x.ReportingLevel, x.Round)).ToDictionary(g => g.Key, g => g.Sum(x => x.Individuals));
        Assert.Equal(expected.OrderBy(k => k.Key).ToList(), actual.OrderBy(k => k.Key).ToList());
    }

    [Fact]
    public async Task RoundTrip_HdxFile_ImportExportImport_IsLosslessCellByCell()
    {
        using var t = new MobilityTestStore(withPcodes: true);
        var source = t.Copy("dtm/global-iom-dtm-from-api-admin-0-to-2.csv");
        await DtmImporter.ImportAsync(t.Store.Areas, t.Store.Mobility, ImportSource.FromFile(source), cancellationToken: TestContext.Current.CancellationToken);
        var exported = t.File("exported.csv");
        using (var w = new StreamWriter(exported))
            DtmHxlWriter.Write(w, await t.Store.Mobility.ReadAssessmentsAsync(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken));

        var expected = ReadCells(source);
        var actual = ReadCells(exported);
        Assert.Equal(expected.Count, actual.Count);
        for (var row = 0; row < expected.Count; row++)
        {
            Assert.Equal(expected[row].Length, actual[row].Length);
            for (var col = 0; col < expected[row].Length; col++)
            {
                if (expected[row][col] != actual[row][col])
                    Assert.Fail($"row {row + 1}, column {expected[0][col]}: expected '{expected[row][col]}', exported '{actual[row][col]}'");
            }
        }

        using var again = new MobilityTestStore(withPcodes: true);
        await DtmImporter.ImportAsync(again.Store.Areas, again.Store.Mobility, ImportSource.FromFile(exported), cancellationToken: TestContext.Current.CancellationToken);
        var first = (await t.Store.Mobility.ReadAssessmentsAsync(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken)).Select(AssessmentFingerprint.Of).ToList();
        var second = (await again.Store.Mobility.ReadAssessmentsAsync(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken)).Select(AssessmentFingerprint.Of).ToList();
        Assert.Equal(first.Count, second.Count);
        Assert.All(first.Zip(second), p => Assert.Equal(p.First, p.Second));
    }

    [Fact]
    public async Task Import_SameFileTwice_ChangesNothingTheSecondTime()
    {
        using var t = new MobilityTestStore(withPcodes: true);
        var path = t.Copy("dtm/displacement-admin2-admin0pcode-hti.json");
        var first = await DtmImporter.ImportAsync(t.Store.Areas, t.Store.Mobility, ImportSource.FromFile(path), cancellationToken: TestContext.Current.CancellationToken);
        var second = await DtmImporter.ImportAsync(t.Store.Areas, t.Store.Mobility, ImportSource.FromFile(path), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1384, first.Counts.Inserted);
        Assert.Equal(new Mosaic.Core.Storage.UpsertCounts(0, 0, 1384), second.Counts);
        Assert.Equal(1384, await t.Store.Mobility.CountAssessmentsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Import_JsonThenHdxFile_KeepsOneRecordPerDtmId()
    {
        using var t = new MobilityTestStore(withPcodes: true);
        await DtmImporter.ImportAsync(t.Store.Areas, t.Store.Mobility, ImportSource.FromFile(t.Copy("dtm/displacement-admin2-admin0pcode-tcd.json")), cancellationToken: TestContext.Current.CancellationToken);
        var hdx = await DtmImporter.ImportAsync(t.Store.Areas, t.Store.Mobility, ImportSource.FromFile(t.Copy("dtm/global-iom-dtm-from-api-admin-0-to-2.csv")), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(13367, await t.Store.Mobility.CountAssessmentsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(145, hdx.Counts.Updated + hdx.Counts.Unchanged);
    }

    [Fact]
    public async Task Import_ChadCodesMissingFromTheAreaTable_AreLinkedByNameAndReported()
    {
        using var t = new MobilityTestStore(withPcodes: true);
        var result = await DtmImporter.ImportAsync(t.Store.Areas, t.Store.Mobility, ImportSource.FromFile(t.Copy("dtm/displacement-admin2-admin0pcode-tcd.json")), cancellationToken: TestContext.Current.CancellationToken);
        var lac = Assert.Single(result.Warnings, w => w.Value == "TD07");
        Assert.Contains("linked by name 'Lac' to TCD07", lac.Reason, StringComparison.Ordinal);
        Assert.Contains("145 record(s)", lac.Reason, StringComparison.Ordinal);
        var stored = (await t.Store.Mobility.ReadAssessmentsAsync(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken)).First();
        Assert.Equal(AreaMatch.NameOnly, stored.Match);
        Assert.Equal("TD0704", stored.Location.Admin2Pcode);
        Assert.Equal("TCD0704", stored.AreaPcode);
    }

    [Fact]
    public async Task Import_WithoutAreaTable_KeepsEveryRecordAndReportsUnknownPcodes()
    {
        using var t = new MobilityTestStore();
        var result = await DtmImporter.ImportAsync(t.Store.Areas, t.Store.Mobility, ImportSource.FromFile(t.Copy("dtm/displacement-admin1-admin0pcode-afg.json")), cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.Committed);
        Assert.Equal(1395, await t.Store.Mobility.CountAssessmentsAsync(TestContext.Current.CancellationToken));
        var afg = Assert.Single(result.Warnings);
        Assert.Contains("import the P-code table first", afg.Reason, StringComparison.Ordinal);
        Assert.All(await t.Store.Mobility.ReadAssessmentsAsync(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken), a => Assert.Equal(AreaMatch.Unknown, a.Match));
    }

    internal static List<string[]> ReadCells(string path)
    {
        var rows = new List<string[]>();
        using var csv = CsvReader.Open(path);
        while (csv.Read())
            rows.Add([.. csv.Fields]);
        return rows;
    }
}
