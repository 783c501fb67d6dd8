using Mosaic.Core.Demo;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Mobility;
using Mosaic.Core.Mobility.Analysis;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Mobility;

public sealed class MobilitySummaryTests
{
    [Fact]
    public async Task Compare_DemoRounds2And3_ShowsChangeAndTheLocationNotAssessedInRound3()
    {
        using var t = new MobilityTestStore();
        await MobilityDemo.WriteAsync(t.Store, cancellationToken: TestContext.Current.CancellationToken);
        var report = await MobilitySummary.RunAsync(t.Store, new SummaryOptions(Round: 2, Compare: 3, Level: 4), cancellationToken: TestContext.Current.CancellationToken);

        var assessments = MobilityDemo.Assessments();
        foreach (var c in report.Changes)
        {
            long? Sum(int round)
            {
                var inArea = assessments.Where(a => a.Round == round && a.AreaPcode == c.AreaPcode).ToList();
                return inArea.Count == 0 ? null : inArea.Sum(a => a.Individuals(c.Type) ?? 0);
            }
            Assert.Equal(Sum(2), c.FromIndividuals);
            Assert.Equal(Sum(3), c.ToIndividuals);
            Assert.Equal(c.ToIndividuals - c.FromIndividuals, c.Change);
        }
        var gone = Assert.Single(report.LocationChanges);
        Assert.Equal("not_assessed", gone.Kind);
        Assert.Equal("Ashtamir Char", gone.Name);
        // Cut off in round 3: "not assessed", not a fall of 100%.
        var ashtamirIdps = Assert.Single(report.Changes, c => c.AreaName == "Ashtamir Char" && c.Type == PopulationType.Idp);
        Assert.Null(ashtamirIdps.ToIndividuals);
        Assert.Null(ashtamirIdps.Change);
        Assert.Null(ashtamirIdps.ChangePercent);
        Assert.Equal((0, 0, 1), (ashtamirIdps.LocationsInBoth, ashtamirIdps.LocationsNew, ashtamirIdps.LocationsNotAssessed));
    }

    [Fact]
    public async Task Summary_AtUpazilaLevel_AddsTheUnionsOfEachRound()
    {
        using var t = new MobilityTestStore();
        await MobilityDemo.WriteAsync(t.Store, cancellationToken: TestContext.Current.CancellationToken);
        var report = await MobilitySummary.RunAsync(t.Store, new SummaryOptions(Level: 3), cancellationToken: TestContext.Current.CancellationToken);
        var round1 = Assert.Single(report.Rounds, r => r.Round == 1 && r.Type == PopulationType.Idp);
        Assert.Equal(ChilmariGeography.UpazilaPcode, round1.AreaPcode);
        Assert.Equal(5, round1.Locations);
        Assert.Equal(MobilityDemo.Assessments().Where(a => a.Round == 1).Sum(a => a.Individuals(PopulationType.Idp)), round1.Individuals);
    }

    [Fact]
    public async Task Flows_BeforeAndDuringTheClosure_ShowTheDropInDailyCrossings()
    {
        using var t = new MobilityTestStore();
        await MobilityDemo.WriteAsync(t.Store, cancellationToken: TestContext.Current.CancellationToken);
        var report = await MobilitySummary.RunAsync(t.Store, new SummaryOptions(SplitDate: MobilityDemo.Closure.From, To: MobilityDemo.Closure.To), cancellationToken: TestContext.Current.CancellationToken);
        var f = Assert.Single(report.Flows);
        var observations = MobilityDemo.Observations().Where(o => o.Date <= MobilityDemo.Closure.To).ToList();
        Assert.Equal(observations.Where(o => o.Direction == FlowDirection.In).Sum(o => (long)o.Counts.Total), f.In);
        Assert.Equal(f.In - f.Out, f.Net);
        var split = f.Split!;
        Assert.Equal(50, split.DaysBefore);
        Assert.Equal(20, split.DaysAfter);
        Assert.True(split.DailyInChangePercent < -80, $"closure should cut inflows by most: {split.DailyInChangePercent}");
        Assert.Equal("trade", f.ByReason[0].Category);
        Assert.Contains(f.ByTravellerType, b => b.Category == "informal_trader");
    }

    [Fact]
    public async Task Registry_ReturneesRegisteredInVillages_AppearPerAreaAndMonthBesideTheEstimate_Perturbed()
    {
        using var t = new MobilityTestStore();
        await t.Store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: TestContext.Current.CancellationToken);
        using (var batch = await t.Store.Registry.BeginImportAsync("test", TestContext.Current.CancellationToken))
        {
            var households = new List<FingerprintedHousehold> { new(Fixtures.ReturneeFamily(), [1]) };
            // Ten more returnees in May, one household each: with the family's own, a cell too large ever to be shown as 0.
            for (var i = 0; i < 10; i++)
            {
                households.Add(new(Fixtures.ReturneeFamily($"uuid-returnee-{i + 2}") with
                {
                    Members = [Fixtures.Member(1, Sex.Female, 29, Relation.Head, MigratoryStatus.Returnee) with { MoveDate = new DateOnly(2026, 5, 20) }],
                }, [(byte)(i + 2)]));
            }
            households.Add(new(Fixtures.DisplacedFamily(), [99]));
            await batch.AddAsync(households, TestContext.Current.CancellationToken);
            await batch.CommitAsync(TestContext.Current.CancellationToken);
        }
        await t.Store.Mobility.UpsertAssessmentsAsync([
            new LocationAssessment
            {
                RecordId = "ki-1", Dataset = "kobo", Operation = "test", Round = 1, ReportingDate = new DateOnly(2026, 5, 31),
                Location = new AssessmentLocation(4, "BGD", null) { LocalPcode = "BD55490917" }, AreaPcode = "BD55490917", Match = AreaMatch.Pcode,
                Counts = [new PopulationCount(PopulationType.Returnee, 40)],
            },
        ], TestContext.Current.CancellationToken);
        var report = await MobilitySummary.RunAsync(t.Store, new SummaryOptions(Level: 4), cancellationToken: TestContext.Current.CancellationToken);

        // Oracle: each figure is its persons' true count plus the noise their record keys pick.
        var movers = await t.Store.Mobility.ReadRegisteredMoversAsync(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        var table = PerturbationTable.Default;
        var may = movers.Where(m => m.Status == MigratoryStatus.Returnee && m.MoveMonth == "2026-05").ToList();
        var mayKey = may.Aggregate(0u, (k, m) => unchecked(k + m.RecordKey));
        var returnees = Assert.Single(report.Registry, r => r.Type == PopulationType.Returnee && r.Month == "2026-05");
        Assert.Equal(("BD55490917", table.Publish(may.Count, mayKey), 40L), (returnees.AreaPcode, returnees.RegisteredInMonth, returnees.KeyInformantEstimate));
        Assert.InRange(returnees.RegisteredInMonth, may.Count - 3, may.Count + 3);
        // One displaced person: published as 0 (then left out) or as 3 or more, never as 1 or 2.
        var idp = Assert.Single(movers, m => m.Status == MigratoryStatus.Idp);
        var shown = table.Publish(1, idp.RecordKey);
        Assert.Equal(shown == 0 ? 0 : 1, report.Registry.Count(r => r.Type == PopulationType.Idp));
        Assert.All(report.Registry, r => Assert.True(r.RegisteredInMonth >= 3 && r.RegisteredToDate is 0 or >= 3));
        Assert.Contains(report.Notes, n => n.StartsWith("registered movers are perturbed", StringComparison.Ordinal));
        // The key-informant total is reported as it was: registered persons are not added to it.
        Assert.Equal(40, Assert.Single(report.Rounds).Individuals);
    }

    [Fact]
    public async Task RegisteredMovers_CarryNoPersonalData_AndOnlyMobileStatuses()
    {
        using var t = new MobilityTestStore();
        await t.Store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: TestContext.Current.CancellationToken);
        using (var batch = await t.Store.Registry.BeginImportAsync("test", TestContext.Current.CancellationToken))
        {
            await batch.AddAsync([new(Fixtures.ReturneeFamily(), [1]), new(Fixtures.DisplacedFamily(), [2])], TestContext.Current.CancellationToken);
            await batch.CommitAsync(TestContext.Current.CancellationToken);
        }
        var movers = await t.Store.Mobility.ReadRegisteredMoversAsync(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([MigratoryStatus.Returnee, MigratoryStatus.Idp], movers.Select(m => m.Status));
        Assert.Equal("2026-05", movers[0].MoveMonth);
        Assert.Equal(true, movers[0].Disability);
        Assert.Single(await t.Store.Mobility.ReadRegisteredMoversAsync("BD55490959", TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken));
    }
}
