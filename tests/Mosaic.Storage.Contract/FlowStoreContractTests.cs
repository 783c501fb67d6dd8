using Mosaic.Core.Mobility;
using Mosaic.Core.Storage;
using static Mosaic.Storage.Contract.MobilityFixtures;

namespace Mosaic.Storage.Contract;

/// <summary>Flow monitoring points, observations and their totals (<see cref="IMobilityStore"/>): behaviour every provider must have.</summary>
public abstract class FlowStoreContractTests(IStoreProvider provider) : ContractTestBase(provider)
{
    private static CancellationToken TestToken => TestContext.Current.CancellationToken;

    private IMobilityStore Mobility => Store.Mobility;

    private static FlowObservation WithoutProvenance(FlowObservation o) => o with { Provenance = null };

    // What the daily totals must be: the stored observations summed per point, day, direction, reason and traveller type.
    private async Task<List<FlowDailyTotal>> ExpectedDaily(string? point = null) =>
    [
        .. (await Mobility.ReadFlowObservationsAsync(point, TestToken).ToListAsync(TestToken))
            .GroupBy(o => (o.PointCode, o.Date, o.Direction, o.Reason, o.TravellerType))
            .Select(g => new FlowDailyTotal(g.Key.PointCode, g.Key.Date, g.Key.Direction, g.Key.Reason, g.Key.TravellerType,
                g.Sum(o => (long)o.Counts.Total), g.Count()))
            .OrderBy(d => d.PointCode, StringComparer.Ordinal).ThenBy(d => d.Date).ThenBy(d => d.Direction).ThenBy(d => d.Reason).ThenBy(d => d.TravellerType),
    ];

    private static List<FlowDailyTotal> Sorted(IEnumerable<FlowDailyTotal> rows) =>
        [.. rows.OrderBy(d => d.PointCode, StringComparer.Ordinal).ThenBy(d => d.Date).ThenBy(d => d.Direction).ThenBy(d => d.Reason).ThenBy(d => d.TravellerType)];

    [Fact]
    public async Task Flows_AfterReopen_ReadBackPointsAndObservations()
    {
        await SeedAreas();
        var week = Week();
        Assert.Equal(new UpsertCounts(week.Count, 0, 0), await Mobility.UpsertFlowsAsync([Ghat, Road], week, TestToken));
        Reopen();
        Assert.Equal([Ghat, Road], (await Mobility.ReadFlowPointsAsync(TestToken)).OrderBy(p => p.Code, StringComparer.Ordinal));
        var read = (await Mobility.ReadFlowObservationsAsync(cancellationToken: TestToken).ToListAsync(TestToken));
        Assert.Equal(week.Select(WithoutProvenance).OrderBy(o => o.RecordId, StringComparer.Ordinal),
            read.Select(WithoutProvenance).OrderBy(o => o.RecordId, StringComparer.Ordinal));
        Assert.All(read, o => Assert.Equal(("flows.csv", 2L), (o.Provenance?.SourceFile, o.Provenance?.SourceRow)));
        Assert.Equal(week.Count, await Mobility.CountFlowObservationsAsync(TestToken));
    }

    [Fact]
    public async Task FlowObservations_AreOrderedByPointDateAndImportOrder_AndFilteredByPoint()
    {
        await SeedAreas();
        var day = new DateOnly(2026, 9, 3);
        // Imported out of order: later days first, the road before the ghat; same-day groups keep their import order.
        await Mobility.UpsertFlowsAsync([Ghat, Road],
        [
            Crossing("z", Road, day, FlowDirection.In, 5),
            Crossing("y", Ghat, day.AddDays(1), FlowDirection.In, 5),
            Crossing("x", Ghat, day, FlowDirection.Out, 5),
            Crossing("w", Ghat, day, FlowDirection.In, 5),
        ], TestToken);
        await Mobility.UpsertFlowsAsync([], [Crossing("v", Ghat, day, FlowDirection.In, 2)], TestToken);
        Assert.Equal(["x", "w", "v", "y", "z"], (await Mobility.ReadFlowObservationsAsync(cancellationToken: TestToken).ToListAsync(TestToken)).Select(o => o.RecordId));
        Assert.Equal(["z"], (await Mobility.ReadFlowObservationsAsync(Road.Code, TestToken).ToListAsync(TestToken)).Select(o => o.RecordId));
        Assert.Empty(await Mobility.ReadFlowObservationsAsync("BGD-FMP-999", TestToken).ToListAsync(TestToken));
    }

    [Fact]
    public async Task Flows_UpsertByRecordId_SameIsUnchangedChangedIsUpdated_AndDailyTotalsFollow()
    {
        await SeedAreas();
        var week = Week();
        await Mobility.UpsertFlowsAsync([Ghat, Road], week, TestToken);
        Assert.Equal(new UpsertCounts(0, 0, week.Count), await Mobility.UpsertFlowsAsync([Ghat, Road], week, TestToken));

        var changed = week[0] with { Counts = week[0].Counts with { Total = 500 }, Reason = FlowReason.Displacement, Provenance = From("fix.csv", 3) };
        var added = Crossing("late", Road, new DateOnly(2026, 9, 30), FlowDirection.Out, 4);
        Assert.Equal(new UpsertCounts(1, 1, 1), await Mobility.UpsertFlowsAsync([], [changed, week[1], added], TestToken));
        Assert.Equal(week.Count + 1, await Mobility.CountFlowObservationsAsync(TestToken));
        var read = Assert.Single(await Mobility.ReadFlowObservationsAsync(changed.PointCode, TestToken).ToListAsync(TestToken), o => o.RecordId == changed.RecordId);
        Assert.Equal(WithoutProvenance(changed), WithoutProvenance(read));
        Assert.Equal("fix.csv", read.Provenance?.SourceFile);

        Assert.Equal(await ExpectedDaily(), Sorted(await Mobility.ReadFlowDailyTotalsAsync(cancellationToken: TestToken)));
        Assert.Equal(await ExpectedDaily(Road.Code), Sorted(await Mobility.ReadFlowDailyTotalsAsync(Road.Code, TestToken)));
        Assert.Contains(await Mobility.ReadFlowDailyTotalsAsync(Ghat.Code, TestToken), d => d.Reason == FlowReason.Displacement && d.Persons == 500 && d.Observations == 1);
    }

    [Fact]
    public async Task Flows_ObservationMovedToAnotherPoint_LeavesNoDailyTotalAtTheOldOne()
    {
        // A corrected file may put a group at the right point: both points' daily totals must follow.
        await SeedAreas();
        var day = new DateOnly(2026, 9, 3);
        var group = Crossing("moved", Ghat, day, FlowDirection.In, 12);
        await Mobility.UpsertFlowsAsync([Ghat, Road], [group, Crossing("stays", Road, day, FlowDirection.Out, 4)], TestToken);
        Assert.Equal(new UpsertCounts(0, 1, 0), await Mobility.UpsertFlowsAsync([], [group with { PointCode = Road.Code }], TestToken));
        Assert.Empty(await Mobility.ReadFlowDailyTotalsAsync(Ghat.Code, TestToken));
        Assert.Equal(await ExpectedDaily(), Sorted(await Mobility.ReadFlowDailyTotalsAsync(cancellationToken: TestToken)));
        Assert.DoesNotContain((await Mobility.ReadFlowTotalsAsync(cancellationToken: TestToken)).Directions, d => d.PointCode == Ghat.Code);
    }

    [Fact]
    public async Task FlowPoints_UpsertOfAKnownCode_UpdatesThePoint()
    {
        await SeedAreas();
        await Mobility.UpsertFlowsAsync([Ghat], [], TestToken);
        var renamed = Ghat with { Name = "Chilmari ferry ghat", Countries = ["BGD"], Location = null };
        await Mobility.UpsertFlowsAsync([renamed], [], TestToken);
        Assert.Equal(renamed, Assert.Single(await Mobility.ReadFlowPointsAsync(TestToken)));
    }

    [Fact]
    public async Task Flows_WriteFailingPartWay_LeavesNothing()
    {
        await SeedAreas();
        var week = Week();
        await Mobility.UpsertFlowsAsync([Ghat], week.Where(o => o.PointCode == Ghat.Code).Take(3).ToList(), TestToken);
        var before = await Mobility.ReadFlowDailyTotalsAsync(cancellationToken: TestToken);
        var batch = new FailingList<FlowObservation>([.. week.Take(3).Select(o => o with { Counts = o.Counts with { Total = 999 } }), .. week.Skip(3)], failAfter: 10);
        await Assert.ThrowsAnyAsync<Exception>(() => Mobility.UpsertFlowsAsync([Road], batch, TestToken));
        Assert.Equal(3, await Mobility.CountFlowObservationsAsync(TestToken));
        Assert.Equal([Ghat], await Mobility.ReadFlowPointsAsync(TestToken));
        Assert.Equal(before, await Mobility.ReadFlowDailyTotalsAsync(cancellationToken: TestToken));
    }

    [Fact]
    public async Task FlowTotals_SumPersonsPerPointAndDirection_WithinTheDays_SplitAtADay()
    {
        await SeedAreas();
        var week = Week();
        await Mobility.UpsertFlowsAsync([Ghat, Road], week, TestToken);
        var (from, to, split) = (new DateOnly(2026, 9, 2), new DateOnly(2026, 9, 6), new DateOnly(2026, 9, 4));
        var totals = await Mobility.ReadFlowTotalsAsync(from, to, split, TestToken);

        var inPeriod = week.Where(o => o.Date >= from && o.Date <= to).ToList();
        var expected = inPeriod.GroupBy(o => (o.PointCode, o.Direction)).Select(g => new FlowDirectionTotal(
            g.Key.PointCode, g.Key.Direction, g.Min(o => o.Date), g.Max(o => o.Date),
            g.Sum(o => (long)o.Counts.Total), g.Where(o => o.Date < split).Sum(o => (long)o.Counts.Total)));
        Assert.Equal(expected.OrderBy(d => d.PointCode, StringComparer.Ordinal).ThenBy(d => d.Direction),
            totals.Directions.OrderBy(d => d.PointCode, StringComparer.Ordinal).ThenBy(d => d.Direction));

        var reasons = inPeriod.GroupBy(o => (o.PointCode, o.Direction, MobilityCodes.Reason[o.Reason]))
            .ToDictionary(g => g.Key, g => g.Sum(o => (long)o.Counts.Total));
        Assert.Equal(reasons.OrderBy(kv => kv.Key), totals.Reasons.ToDictionary(r => (r.PointCode, r.Direction, r.Category), r => r.Persons).OrderBy(kv => kv.Key));
        var travellers = inPeriod.GroupBy(o => (o.PointCode, o.Direction, MobilityCodes.TravellerType[o.TravellerType]))
            .ToDictionary(g => g.Key, g => g.Sum(o => (long)o.Counts.Total));
        Assert.Equal(travellers.OrderBy(kv => kv.Key), totals.TravellerTypes.ToDictionary(r => (r.PointCode, r.Direction, r.Category), r => r.Persons).OrderBy(kv => kv.Key));

        var all = await Mobility.ReadFlowTotalsAsync(cancellationToken: TestToken);
        Assert.Equal(week.Sum(o => (long)o.Counts.Total), all.Directions.Sum(d => d.Persons));
        Assert.Equal(0, all.Directions.Sum(d => d.PersonsBeforeSplit));
    }
}
