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
    private static CancellationToken TestToken => TestContext.Current.CancellationToken;

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
        Assert.Equal(new UpsertCounts(1, 0, 0), await Mobility.UpsertAssessmentsAsync([village], TestToken));
        Reopen();
        var read = await Mobility.GetAssessmentAsync(village.RecordId, TestToken);
        AssertSameContent(village, read);
        Assert.Equal(village.Provenance!.SourceFile, read!.Provenance?.SourceFile);
        Assert.Equal(village.Provenance.SourceRow, read.Provenance?.SourceRow);
        Assert.Equal(village.Counts.Select(c => c.BySexAndAge.Count).Sum(), read.Counts.Select(c => c.BySexAndAge.Count).Sum());
        Assert.Null(await Mobility.GetAssessmentAsync("never-imported", TestToken));
        Assert.Equal(1, await Mobility.CountAssessmentsAsync(TestToken));
    }

    [Fact]
    public async Task Assessments_UpsertOfTheSameContent_IsUnchangedAndKeepsTheFirstProvenance()
    {
        await SeedAreas();
        await Mobility.UpsertAssessmentsAsync([Village()], TestToken);
        var again = Village() with { Provenance = From("other-file.csv", 99) };
        Assert.Equal(new UpsertCounts(0, 0, 1), await Mobility.UpsertAssessmentsAsync([again], TestToken));
        var read = (await Mobility.GetAssessmentAsync(again.RecordId, TestToken))!;
        Assert.Equal("village.csv", read.Provenance?.SourceFile);
        Assert.Equal(2, read.Provenance?.SourceRow);
        Assert.Equal(1, await Mobility.CountAssessmentsAsync(TestToken));
    }

    [Fact]
    public async Task Assessments_UpsertOfChangedContent_ReplacesTheRecordInPlace()
    {
        await SeedAreas();
        await Mobility.UpsertAssessmentsAsync([Village("a"), Village("b"), Village("c")], TestToken);
        var changed = Village("b") with
        {
            Counts = [new PopulationCount(PopulationType.Refugee, 7)],
            Needs = ["health"],
            Shelter = null,
            Provenance = From("second.csv", 5),
        };
        Assert.Equal(new UpsertCounts(1, 1, 1), await Mobility.UpsertAssessmentsAsync([Village("a"), changed, Village("d")], TestToken));
        AssertSameContent(changed, await Mobility.GetAssessmentAsync("b", TestToken));
        Assert.Equal("second.csv", (await Mobility.GetAssessmentAsync("b", TestToken))!.Provenance?.SourceFile);
        // Order of first import: an updated record keeps its place, a new one comes last.
        Assert.Equal(["a", "b", "c", "d"], (await Mobility.ReadAssessmentsAsync(cancellationToken: TestToken).ToListAsync(TestToken)).Select(a => a.RecordId));
        Assert.Equal(4, await Mobility.CountAssessmentsAsync(TestToken));
    }

    [Fact]
    public async Task Assessments_WriteFailingPartWay_LeavesNothing()
    {
        await SeedAreas();
        await Mobility.UpsertAssessmentsAsync([Village("kept")], TestToken);
        var batch = new FailingList<LocationAssessment>([Village("new-1"), Village("kept") with { Round = 9 }, Village("new-2")], failAfter: 2);
        await Assert.ThrowsAnyAsync<Exception>(() => Mobility.UpsertAssessmentsAsync(batch, TestToken));
        Assert.Equal(1, await Mobility.CountAssessmentsAsync(TestToken));
        Assert.Null(await Mobility.GetAssessmentAsync("new-1", TestToken));
        Assert.Equal(1, (await Mobility.GetAssessmentAsync("kept", TestToken))!.Round);
        Assert.Equal(await ExpectedTotals(Mobility), SortTotals(await Mobility.ReadAssessmentTotalsAsync(cancellationToken: TestToken)));
    }

    [Fact]
    public async Task Assessments_ReadInImportOrder_FilteredByDataset()
    {
        await Store.Areas.UpsertAsync(MobilityDemo.Areas(), cancellationToken: TestContext.Current.CancellationToken);
        var demo = MobilityDemo.Assessments();
        var names = new[] { NameOnly("n1", 1, "Char Bhangni"), NameOnly("n2", 2, null) };
        await Mobility.UpsertAssessmentsAsync([.. demo, .. names], TestToken);
        Assert.Equal(demo.Select(a => a.RecordId).Concat(["n1", "n2"]), (await Mobility.ReadAssessmentsAsync(cancellationToken: TestToken).ToListAsync(TestToken)).Select(a => a.RecordId));
        Assert.Equal(["n1", "n2"], (await Mobility.ReadAssessmentsAsync("names", TestToken).ToListAsync(TestToken)).Select(a => a.RecordId));
        Assert.Empty(await Mobility.ReadAssessmentsAsync("no-such-dataset", TestToken).ToListAsync(TestToken));
        Assert.Equal(demo.Count + 2, await Mobility.CountAssessmentsAsync(TestToken));
        foreach (var (expected, read) in demo.Zip(await Mobility.ReadAssessmentsAsync(demo[0].Dataset, TestToken).ToListAsync(TestToken)))
            AssertSameContent(expected, read);
    }

    [Fact]
    public async Task AssessmentKeys_AreTheIdentifyingFieldsOfEveryStoredRecord()
    {
        await SeedAreas();
        var records = new[] { Village("a", round: 1), Village("b", round: 2), NameOnly("n1", 1, "Char Bhangni"), NameOnly("n2", 2, null) };
        await Mobility.UpsertAssessmentsAsync(records, TestToken);
        Assert.Equal(records.Select(AssessmentSeries.KeyOf).OrderBy(k => k.RecordId, StringComparer.Ordinal),
            (await Mobility.ReadAssessmentKeysAsync(TestToken)).OrderBy(k => k.RecordId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task AssessmentTotals_AfterReimportWithChangedRoundsNamesAndCounts_FollowTheStoredAssessments()
    {
        await Store.Areas.UpsertAsync(MobilityDemo.Areas(), cancellationToken: TestContext.Current.CancellationToken);
        var original = MobilityDemo.Assessments();
        await Mobility.UpsertAssessmentsAsync([.. original, NameOnly("n1", 1, "Char Bhangni"), NameOnly("n2", 2, null)], TestToken);

        // Same record ids, other content: moved to a later round, renamed, recounted, unlinked.
        var changed = original.Take(4).Select((a, i) => a with
        {
            Round = a.Round + 10,
            Location = a.Location with { LocalName = $"Renamed {i}" },
            AreaPcode = i == 3 ? null : a.AreaPcode,
            Counts = [new PopulationCount(PopulationType.Refugee, 7 + i, 2)],
        }).ToList();
        Assert.Equal(4, (await Mobility.UpsertAssessmentsAsync(changed, TestToken)).Updated);

        Assert.Equal(await ExpectedTotals(Mobility), SortTotals(await Mobility.ReadAssessmentTotalsAsync(cancellationToken: TestToken)));
        Assert.Equal((await ExpectedTotals(Mobility)).Where(r => r.Round == 11).ToList(), SortTotals(await Mobility.ReadAssessmentTotalsAsync([11], TestToken)));
        var renamed = Assert.Single(await Mobility.ReadAssessmentTotalsAsync([11], TestToken), r => r.LocationName == "Renamed 0");
        Assert.Equal(PopulationType.Refugee, renamed.Type);
        Assert.Equal(7, renamed.Individuals);
        Assert.Empty(await Mobility.ReadAssessmentTotalsAsync([99], TestToken));
    }

    [Fact]
    public async Task AssessmentTotals_KeepTheAssessmentTypeOfTheirSeriesAndTheSourceAdminNames()
    {
        await SeedAreas();
        var baseline = Village("ba") with { Type = AssessmentType.BaselineArea };
        var site = Village("sa") with { Type = AssessmentType.Site };
        await Mobility.UpsertAssessmentsAsync([baseline, site], TestToken);
        var idps = (await Mobility.ReadAssessmentTotalsAsync(cancellationToken: TestToken)).Where(r => r.Type == PopulationType.Idp).ToList();
        Assert.Equal([AssessmentType.BaselineArea, AssessmentType.Site], idps.Select(r => r.Assessment).Order());
        Assert.All(idps, r => Assert.Equal(("Bangladesh", "Rangpur", "Kurigram"), (r.Admin0Name, r.Admin1Name, r.Admin2Name)));
        Assert.Equal(await ExpectedTotals(Mobility), SortTotals(await Mobility.ReadAssessmentTotalsAsync(cancellationToken: TestToken)));

        // A record re-imported as another assessment type moves to that type's series.
        await Mobility.UpsertAssessmentsAsync([baseline with { Type = AssessmentType.Site }], TestToken);
        Assert.All(await Mobility.ReadAssessmentTotalsAsync(cancellationToken: TestToken), r => Assert.Equal(AssessmentType.Site, r.Assessment));
        Assert.Equal(await ExpectedTotals(Mobility), SortTotals(await Mobility.ReadAssessmentTotalsAsync(cancellationToken: TestToken)));
    }

    [Fact]
    public async Task RegisteredMovers_AreMobilePersonsWithAMoveDate_LimitedToTheAreaSubtree()
    {
        await SeedAreas();
        await ImportAsync(Fixtures.ReturneeFamily(), Fixtures.DisplacedFamily());
        // The returnee head and the IDP head moved on a known date; the IDP child has no date and the emigrant
        // does not live here, so neither counts.
        var movers = await Mobility.ReadRegisteredMoversAsync(cancellationToken: TestToken).ToListAsync(TestToken);
        Assert.Equal(2, movers.Count);
        var returnee = Assert.Single(movers, m => m.Status == MigratoryStatus.Returnee);
        Assert.Equal(new RegisteredMover("BD55490917", new DateOnly(2026, 5, 2), MigratoryStatus.Returnee, Sex.Male, 38, true, "SAU", null, MoveReason.JobLoss, returnee.RecordKey), returnee);
        // Each mover carries the record key disclosure control perturbs its counts with.
        Assert.All(movers, m => Assert.NotEqual(0u, m.RecordKey));
        var idp = Assert.Single(movers, m => m.Status == MigratoryStatus.Idp);
        Assert.Equal(new RegisteredMover("BD55490959", new DateOnly(2026, 7, 20), MigratoryStatus.Idp, Sex.Female, 45, idp.Disability, null, "BD55490917", MoveReason.Disaster, idp.RecordKey), idp);

        Assert.Equal(2, (await Mobility.ReadRegisteredMoversAsync("BD554909", TestToken).ToListAsync(TestToken)).Count);
        Assert.Equal(MigratoryStatus.Idp, Assert.Single(await Mobility.ReadRegisteredMoversAsync("BD55490959", TestToken).ToListAsync(TestToken)).Status);
        Assert.Empty(await Mobility.ReadRegisteredMoversAsync("BD5527", TestToken).ToListAsync(TestToken));
    }
}
