using Mosaic.Core.Demo;
using Mosaic.Core.Mobility;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using static Mosaic.Storage.Contract.MobilityFixtures;

namespace Mosaic.Storage.Contract;

/// <summary>
/// Location assessments and registered movers (<see cref="IMobilityStore"/>): behaviour every provider must have.
/// Flows are in <see cref="FlowStoreContractTests"/>.
/// </summary>
public abstract class MobilityStoreContractTests(IStoreProvider provider) : ContractTestBase(provider)
{
    private IMobilityStore Mobility => Store.Mobility;

    // Content equality: the fingerprint covers every field but the provenance.
    private static void AssertSameContent(LocationAssessment expected, LocationAssessment? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(Convert.ToHexString(AssessmentFingerprint.Of(expected)), Convert.ToHexString(AssessmentFingerprint.Of(actual)));
    }

    [Fact]
    public async Task Assessments_AfterReopen_ReadBackWithEveryFieldAndTheirProvenance()
    {
        await SeedAreas();
        var village = Village();
        Assert.Equal(new UpsertCounts(1, 0, 0), Mobility.UpsertAssessments([village]));
        Reopen();
        var read = Mobility.GetAssessment(village.RecordId);
        AssertSameContent(village, read);
        Assert.Equal(village.Provenance!.SourceFile, read!.Provenance?.SourceFile);
        Assert.Equal(village.Provenance.SourceRow, read.Provenance?.SourceRow);
        Assert.Equal(village.Counts.Select(c => c.BySexAndAge.Count).Sum(), read.Counts.Select(c => c.BySexAndAge.Count).Sum());
        Assert.Null(Mobility.GetAssessment("never-imported"));
        Assert.Equal(1, Mobility.CountAssessments());
    }

    [Fact]
    public async Task Assessments_UpsertOfTheSameContent_IsUnchangedAndKeepsTheFirstProvenance()
    {
        await SeedAreas();
        Mobility.UpsertAssessments([Village()]);
        var again = Village() with { Provenance = From("other-file.csv", 99) };
        Assert.Equal(new UpsertCounts(0, 0, 1), Mobility.UpsertAssessments([again]));
        var read = Mobility.GetAssessment(again.RecordId)!;
        Assert.Equal("village.csv", read.Provenance?.SourceFile);
        Assert.Equal(2, read.Provenance?.SourceRow);
        Assert.Equal(1, Mobility.CountAssessments());
    }

    [Fact]
    public async Task Assessments_UpsertOfChangedContent_ReplacesTheRecordInPlace()
    {
        await SeedAreas();
        Mobility.UpsertAssessments([Village("a"), Village("b"), Village("c")]);
        var changed = Village("b") with
        {
            Counts = [new PopulationCount(PopulationType.Refugee, 7)],
            Needs = ["health"],
            Shelter = null,
            Provenance = From("second.csv", 5),
        };
        Assert.Equal(new UpsertCounts(1, 1, 1), Mobility.UpsertAssessments([Village("a"), changed, Village("d")]));
        AssertSameContent(changed, Mobility.GetAssessment("b"));
        Assert.Equal("second.csv", Mobility.GetAssessment("b")!.Provenance?.SourceFile);
        // Order of first import: an updated record keeps its place, a new one comes last.
        Assert.Equal(["a", "b", "c", "d"], Mobility.ReadAssessments().Select(a => a.RecordId));
        Assert.Equal(4, Mobility.CountAssessments());
    }

    [Fact]
    public async Task Assessments_WriteFailingPartWay_LeavesNothing()
    {
        await SeedAreas();
        Mobility.UpsertAssessments([Village("kept")]);
        var batch = new FailingList<LocationAssessment>([Village("new-1"), Village("kept") with { Round = 9 }, Village("new-2")], failAfter: 2);
        Assert.ThrowsAny<Exception>(() => Mobility.UpsertAssessments(batch));
        Assert.Equal(1, Mobility.CountAssessments());
        Assert.Null(Mobility.GetAssessment("new-1"));
        Assert.Equal(1, Mobility.GetAssessment("kept")!.Round);
        Assert.Equal(ExpectedTotals(Mobility), SortTotals(Mobility.ReadAssessmentTotals()));
    }

    [Fact]
    public async Task Assessments_ReadInImportOrder_FilteredByDataset()
    {
        await Store.Areas.UpsertAsync(MobilityDemo.Areas(), cancellationToken: TestContext.Current.CancellationToken);
        var demo = MobilityDemo.Assessments();
        var names = new[] { NameOnly("n1", 1, "Char Bhangni"), NameOnly("n2", 2, null) };
        Mobility.UpsertAssessments([.. demo, .. names]);
        Assert.Equal(demo.Select(a => a.RecordId).Concat(["n1", "n2"]), Mobility.ReadAssessments().Select(a => a.RecordId));
        Assert.Equal(["n1", "n2"], Mobility.ReadAssessments("names").Select(a => a.RecordId));
        Assert.Empty(Mobility.ReadAssessments("no-such-dataset"));
        Assert.Equal(demo.Count + 2, Mobility.CountAssessments());
        foreach (var (expected, read) in demo.Zip(Mobility.ReadAssessments(demo[0].Dataset)))
            AssertSameContent(expected, read);
    }

    [Fact]
    public async Task AssessmentKeys_AreTheIdentifyingFieldsOfEveryStoredRecord()
    {
        await SeedAreas();
        var records = new[] { Village("a", round: 1), Village("b", round: 2), NameOnly("n1", 1, "Char Bhangni"), NameOnly("n2", 2, null) };
        Mobility.UpsertAssessments(records);
        Assert.Equal(records.Select(AssessmentSeries.KeyOf).OrderBy(k => k.RecordId, StringComparer.Ordinal),
            Mobility.ReadAssessmentKeys().OrderBy(k => k.RecordId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task AssessmentTotals_AfterReimportWithChangedRoundsNamesAndCounts_FollowTheStoredAssessments()
    {
        await Store.Areas.UpsertAsync(MobilityDemo.Areas(), cancellationToken: TestContext.Current.CancellationToken);
        var original = MobilityDemo.Assessments();
        Mobility.UpsertAssessments([.. original, NameOnly("n1", 1, "Char Bhangni"), NameOnly("n2", 2, null)]);

        // Same record ids, other content: moved to a later round, renamed, recounted, unlinked.
        var changed = original.Take(4).Select((a, i) => a with
        {
            Round = a.Round + 10,
            Location = a.Location with { LocalName = $"Renamed {i}" },
            AreaPcode = i == 3 ? null : a.AreaPcode,
            Counts = [new PopulationCount(PopulationType.Refugee, 7 + i, 2)],
        }).ToList();
        Assert.Equal(4, Mobility.UpsertAssessments(changed).Updated);

        Assert.Equal(ExpectedTotals(Mobility), SortTotals(Mobility.ReadAssessmentTotals()));
        Assert.Equal(ExpectedTotals(Mobility).Where(r => r.Round == 11).ToList(), SortTotals(Mobility.ReadAssessmentTotals([11])));
        var renamed = Assert.Single(Mobility.ReadAssessmentTotals([11]), r => r.LocationName == "Renamed 0");
        Assert.Equal(PopulationType.Refugee, renamed.Type);
        Assert.Equal(7, renamed.Individuals);
        Assert.Empty(Mobility.ReadAssessmentTotals([99]));
    }

    [Fact]
    public async Task AssessmentTotals_KeepTheAssessmentTypeOfTheirSeriesAndTheSourceAdminNames()
    {
        await SeedAreas();
        var baseline = Village("ba") with { Type = AssessmentType.BaselineArea };
        var site = Village("sa") with { Type = AssessmentType.Site };
        Mobility.UpsertAssessments([baseline, site]);
        var idps = Mobility.ReadAssessmentTotals().Where(r => r.Type == PopulationType.Idp).ToList();
        Assert.Equal([AssessmentType.BaselineArea, AssessmentType.Site], idps.Select(r => r.Assessment).Order());
        Assert.All(idps, r => Assert.Equal(("Bangladesh", "Rangpur", "Kurigram"), (r.Admin0Name, r.Admin1Name, r.Admin2Name)));
        Assert.Equal(ExpectedTotals(Mobility), SortTotals(Mobility.ReadAssessmentTotals()));

        // A record re-imported as another assessment type moves to that type's series.
        Mobility.UpsertAssessments([baseline with { Type = AssessmentType.Site }]);
        Assert.All(Mobility.ReadAssessmentTotals(), r => Assert.Equal(AssessmentType.Site, r.Assessment));
        Assert.Equal(ExpectedTotals(Mobility), SortTotals(Mobility.ReadAssessmentTotals()));
    }

    [Fact]
    public async Task RegisteredMovers_AreMobilePersonsWithAMoveDate_LimitedToTheAreaSubtree()
    {
        await SeedAreas();
        await ImportAsync(Fixtures.ReturneeFamily(), Fixtures.DisplacedFamily());
        // The returnee head and the IDP head moved on a known date; the IDP child has no date and the emigrant
        // does not live here, so neither counts.
        var movers = Mobility.ReadRegisteredMovers().ToList();
        Assert.Equal(2, movers.Count);
        var returnee = Assert.Single(movers, m => m.Status == MigratoryStatus.Returnee);
        Assert.Equal(new RegisteredMover("BD55490917", new DateOnly(2026, 5, 2), MigratoryStatus.Returnee, Sex.Male, 38, true, "SAU", null, MoveReason.JobLoss, returnee.RecordKey), returnee);
        // Each mover carries the record key disclosure control perturbs its counts with.
        Assert.All(movers, m => Assert.NotEqual(0u, m.RecordKey));
        var idp = Assert.Single(movers, m => m.Status == MigratoryStatus.Idp);
        Assert.Equal(new RegisteredMover("BD55490959", new DateOnly(2026, 7, 20), MigratoryStatus.Idp, Sex.Female, 45, idp.Disability, null, "BD55490917", MoveReason.Disaster, idp.RecordKey), idp);

        Assert.Equal(2, Mobility.ReadRegisteredMovers("BD554909").Count());
        Assert.Equal(MigratoryStatus.Idp, Assert.Single(Mobility.ReadRegisteredMovers("BD55490959")).Status);
        Assert.Empty(Mobility.ReadRegisteredMovers("BD5527"));
    }
}
