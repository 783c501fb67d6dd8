using System.Globalization;
using Mosaic.Core.Import;
using Mosaic.Core.Mobility;
using Mosaic.Core.Mobility.Analysis;
using Mosaic.Core.Mobility.Import;

namespace Mosaic.Cli.Tests.Mobility;

/// <summary>
/// A property of the summary on every real file in <c>tests/data/dtm</c>: each total is the sum of the source
/// records of exactly one series (dataset, operation, reporting level, assessment type), one round number and one
/// reporting date — never two assessment types or two dates of one round added — and every record is counted.
/// The expected sums are recounted from the raw file, without Mosaic's readers.
/// </summary>
public sealed class DtmRealFilesPropertyTests
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    private readonly record struct Group(string Dataset, string Operation, int Level, string Type, int Round, string Date);

    [Theory]
    [MemberData(nameof(DtmImportTests.RealFiles), MemberType = typeof(DtmImportTests))]
    public async Task EveryTotal_IsOneSeriesOneRoundOneDate_AndEqualsTheRawRecount(string name)
    {
        using var t = new MobilityTestStore(withPcodes: true);
        var path = t.Copy("dtm/" + name);
        var result = await DtmImporter.ImportAsync(t.Store.Areas, t.Store.Mobility, ImportSource.FromFile(path), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(result.Errors);

        var expected = Recount(path);
        var report = await MobilitySummary.RunAsync(t.Store, new SummaryOptions(), cancellationToken: TestContext.Current.CancellationToken);
        var actual = new Dictionary<Group, (long Idps, long Records)>();
        foreach (var r in report.Rounds)
        {
            var key = new Group(r.Dataset, r.Operation!, r.ReportingLevel, MobilityCodes.AssessmentType[r.Assessment], r.Round, r.ReportingDate.ToString("yyyy-MM-dd", s_inv));
            var v = actual.GetValueOrDefault(key);
            actual[key] = (v.Idps + r.Individuals, v.Records + r.Records);
        }
        Assert.Equal(expected.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal), actual.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal));
        foreach (var (key, value) in expected)
            Assert.True(value == actual[key], $"{key}: raw {value}, summary {actual[key]}");
        Assert.Equal(expected.Values.Sum(v => v.Records), result.RecordsRead);
    }

    private static Dictionary<Group, (long Idps, long Records)> Recount(string path)
    {
        var groups = new Dictionary<Group, (long, long)>();
        void Add(Group g, long idps)
        {
            var (sum, count) = groups.GetValueOrDefault(g);
            groups[g] = (sum + idps, count + 1);
        }
        if (path.EndsWith(".json", StringComparison.Ordinal))
        {
            foreach (var r in DtmSeriesTests.RawJson(path))
                Add(new Group("dtm", r.Operation, r.Level, r.Type.ToUpperInvariant(), r.Round, r.Date), r.Idps);
            return groups;
        }
        var rows = DtmImportTests.ReadCells(path);
        var header = rows[0].Select(h => h.Trim('\uFEFF')).ToList();
        var hapi = header.Contains("reporting_round");
        int Col(string dtm, string hapiName) => header.IndexOf(hapi ? hapiName : dtm);
        var (op, level, type, round, date, idps) = (Col("operation", "operation"), Col("adminLevel", "admin_level"), Col("assessmentType", "assessment_type"),
            Col("roundNumber", "reporting_round"), Col("reportingDate", "reference_period_start"), Col("numPresentIdpInd", "population"));
        foreach (var row in rows.Skip(1).Where(r => !r[0].StartsWith('#')))
        {
            Add(new Group(hapi ? "hdx-hapi" : "dtm", row[op], int.Parse(row[level], s_inv), row[type].ToUpperInvariant(), int.Parse(row[round], s_inv), row[date][..10]),
                long.Parse(row[idps], s_inv));
        }
        return groups;
    }
}
