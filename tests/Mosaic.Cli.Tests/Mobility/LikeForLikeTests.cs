using Mosaic.Core.Import;
using Mosaic.Core.Mobility.Analysis;
using Mosaic.Core.Mobility.Import;

namespace Mosaic.Cli.Tests.Mobility;

/// <summary>
/// Locations that stop (or start) reporting between two rounds: "not assessed" instead of −100%, and a
/// like-for-like change over the locations assessed in both rounds beside the raw one.
/// </summary>
public sealed class LikeForLikeTests
{
    private const string Header =
        "id,operation,admin0Name,admin0Pcode,admin1Name,admin1Pcode,admin2Name,admin2Pcode,adminLevel,numPresentIdpInd,reportingDate," +
        "yearReportingDate,monthReportingDate,roundNumber,displacementReason,numberMales,numberFemales,idpOriginAdmin1Name,idpOriginAdmin1Pcode,assessmentType,operationStatus\n";

    // Three communes of one department: A in both rounds, B in round 1 only, C in round 2 only.
    private static string Row(int id, string pcode, string name, int idps, int round) =>
        $"{id},Countrywide monitoring,Haiti,HTI,West,HT01,{name},{pcode},2,{idps},{(round == 1 ? "2024-03-31" : "2024-06-30")}T00:00:00,2024," +
        $"{(round == 1 ? 3 : 6)},{round},Conflict,,,Not available,Not available,BA,Active\n";

    private static async Task<MobilityTestStore> Store()
    {
        var t = new MobilityTestStore();
        var path = t.Write("dtm.csv", Header + Row(1, "HT0111", "A", 1000, 1) + Row(2, "HT0112", "B", 500, 1)
            + Row(3, "HT0111", "A", 1200, 2) + Row(4, "HT0113", "C", 300, 2));
        Assert.Empty((await DtmImporter.ImportAsync(t.Store.Areas, t.Store.Mobility, ImportSource.FromFile(path), cancellationToken: TestContext.Current.CancellationToken)).Errors);
        return t;
    }

    [Fact]
    public async Task Compare_ByLocation_ShowsNotAssessedInsteadOfAFallToZero()
    {
        using var t = (await Store());
        var report = await MobilitySummary.RunAsync(t.Store, new SummaryOptions(Round: 1, Compare: 2, Level: 2), cancellationToken: TestContext.Current.CancellationToken);
        var a = Assert.Single(report.Changes, c => c.AreaPcode == "HT0111");
        Assert.Equal((1000L, 1200L, 200L, 20.0), (a.FromIndividuals!.Value, a.ToIndividuals!.Value, a.Change!.Value, a.ChangePercent!.Value));
        var b = Assert.Single(report.Changes, c => c.AreaPcode == "HT0112");
        Assert.Equal(500, b.FromIndividuals);
        Assert.Null(b.ToIndividuals);
        Assert.Null(b.Change);
        Assert.Null(b.ChangePercent);
        var c = Assert.Single(report.Changes, c => c.AreaPcode == "HT0113");
        Assert.Null(c.FromIndividuals);
        Assert.Equal(300, c.ToIndividuals);
        Assert.Equal(["new HT0113", "not_assessed HT0112"], report.LocationChanges.Select(l => $"{l.Kind} {l.Location}"));
    }

    [Fact]
    public async Task Compare_ForTheDepartment_GivesTheRawAndTheLikeForLikeChange()
    {
        using var t = (await Store());
        var d = Assert.Single((await MobilitySummary.RunAsync(t.Store, new SummaryOptions(Round: 1, Compare: 2, Level: 1), cancellationToken: TestContext.Current.CancellationToken)).Changes);
        // Raw: 1,500 → 1,500 (no change, though A grew by a fifth); like-for-like: A alone, 1,000 → 1,200.
        Assert.Equal((1500L, 1500L, 0L), (d.FromIndividuals!.Value, d.ToIndividuals!.Value, d.Change!.Value));
        Assert.Equal((1000L, 1200L, 200L, 20.0), (d.LikeForLikeFrom, d.LikeForLikeTo, d.LikeForLikeChange, d.LikeForLikePercent!.Value));
        Assert.Equal((1, 1, 1), (d.LocationsInBoth, d.LocationsNew, d.LocationsNotAssessed));
    }
}
