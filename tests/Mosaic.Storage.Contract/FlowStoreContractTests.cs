using Mosaic.Core.Mobility;
using Mosaic.Core.Storage;
using static Mosaic.Storage.Contract.MobilityFixtures;

namespace Mosaic.Storage.Contract;

/// <summary>Flow monitoring points, observations and their totals (<see cref="IMobilityStore"/>): behaviour every provider must have.</summary>
public abstract class FlowStoreContractTests(IStoreProvider provider) : ContractTestBase(provider)
{
    private IMobilityStore Mobility => Store.Mobility;

    private static FlowObservation WithoutProvenance(FlowObservation o) => o with { Provenance = null };

    // What the daily totals must be: the stored observations summed per point, day, direction, reason and traveller type.
    private List<FlowDailyTotal> ExpectedDaily(string? point = null) =>
    [
        .. Mobility.ReadFlowObservations(point)
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
        Assert.Equal(new UpsertCounts(week.Count, 0, 0), Mobility.UpsertFlows([Ghat, Road], week));
        Reopen();
        Assert.Equal([Ghat, Road], Mobility.ReadFlowPoints().OrderBy(p => p.Code, StringComparer.Ordinal));
        var read = Mobility.ReadFlowObservations().ToList();
        Assert.Equal(week.Select(WithoutProvenance).OrderBy(o => o.RecordId, StringComparer.Ordinal),
            read.Select(WithoutProvenance).OrderBy(o => o.RecordId, StringComparer.Ordinal));
        Assert.All(read, o => Assert.Equal(("flows.csv", 2L), (o.Provenance?.SourceFile, o.Provenance?.SourceRow)));
        Assert.Equal(week.Count, Mobility.CountFlowObservations());
    }

    [Fact]
    public async Task FlowObservations_AreOrderedByPointDateAndImportOrder_AndFilteredByPoint()
    {
        await SeedAreas();
        var day = new DateOnly(2026, 9, 3);
        // Imported out of order: later days first, the road before the ghat; same-day groups keep their import order.
        Mobility.UpsertFlows([Ghat, Road],
        [
            Crossing("z", Road, day, FlowDirection.In, 5),
            Crossing("y", Ghat, day.AddDays(1), FlowDirection.In, 5),
            Crossing("x", Ghat, day, FlowDirection.Out, 5),
            Crossing("w", Ghat, day, FlowDirection.In, 5),
        ]);
        Mobility.UpsertFlows([], [Crossing("v", Ghat, day, FlowDirection.In, 2)]);
        Assert.Equal(["x", "w", "v", "y", "z"], Mobility.ReadFlowObservations().Select(o => o.RecordId));
        Assert.Equal(["z"], Mobility.ReadFlowObservations(Road.Code).Select(o => o.RecordId));
        Assert.Empty(Mobility.ReadFlowObservations("BGD-FMP-999"));
    }

    [Fact]
    public async Task Flows_UpsertByRecordId_SameIsUnchangedChangedIsUpdated_AndDailyTotalsFollow()
    {
        await SeedAreas();
        var week = Week();
        Mobility.UpsertFlows([Ghat, Road], week);
        Assert.Equal(new UpsertCounts(0, 0, week.Count), Mobility.UpsertFlows([Ghat, Road], week));

        var changed = week[0] with { Counts = week[0].Counts with { Total = 500 }, Reason = FlowReason.Displacement, Provenance = From("fix.csv", 3) };
        var added = Crossing("late", Road, new DateOnly(2026, 9, 30), FlowDirection.Out, 4);
        Assert.Equal(new UpsertCounts(1, 1, 1), Mobility.UpsertFlows([], [changed, week[1], added]));
        Assert.Equal(week.Count + 1, Mobility.CountFlowObservations());
        var read = Assert.Single(Mobility.ReadFlowObservations(changed.PointCode), o => o.RecordId == changed.RecordId);
        Assert.Equal(WithoutProvenance(changed), WithoutProvenance(read));
        Assert.Equal("fix.csv", read.Provenance?.SourceFile);

        Assert.Equal(ExpectedDaily(), Sorted(Mobility.ReadFlowDailyTotals()));
        Assert.Equal(ExpectedDaily(Road.Code), Sorted(Mobility.ReadFlowDailyTotals(Road.Code)));
        Assert.Contains(Mobility.ReadFlowDailyTotals(Ghat.Code), d => d.Reason == FlowReason.Displacement && d.Persons == 500 && d.Observations == 1);
    }

    [Fact]
    public async Task Flows_ObservationMovedToAnotherPoint_LeavesNoDailyTotalAtTheOldOne()
    {
        // A corrected file may put a group at the right point: both points' daily totals must follow.
        await SeedAreas();
        var day = new DateOnly(2026, 9, 3);
        var group = Crossing("moved", Ghat, day, FlowDirection.In, 12);
        Mobility.UpsertFlows([Ghat, Road], [group, Crossing("stays", Road, day, FlowDirection.Out, 4)]);
        Assert.Equal(new UpsertCounts(0, 1, 0), Mobility.UpsertFlows([], [group with { PointCode = Road.Code }]));
        Assert.Empty(Mobility.ReadFlowDailyTotals(Ghat.Code));
        Assert.Equal(ExpectedDaily(), Sorted(Mobility.ReadFlowDailyTotals()));
        Assert.DoesNotContain(Mobility.ReadFlowTotals().Directions, d => d.PointCode == Ghat.Code);
    }

    [Fact]
    public async Task FlowPoints_UpsertOfAKnownCode_UpdatesThePoint()
    {
        await SeedAreas();
        Mobility.UpsertFlows([Ghat], []);
        var renamed = Ghat with { Name = "Chilmari ferry ghat", Countries = ["BGD"], Location = null };
        Mobility.UpsertFlows([renamed], []);
        Assert.Equal(renamed, Assert.Single(Mobility.ReadFlowPoints()));
    }

    [Fact]
    public async Task Flows_WriteFailingPartWay_LeavesNothing()
    {
        await SeedAreas();
        var week = Week();
        Mobility.UpsertFlows([Ghat], week.Where(o => o.PointCode == Ghat.Code).Take(3).ToList());
        var before = Mobility.ReadFlowDailyTotals();
        var batch = new FailingList<FlowObservation>([.. week.Take(3).Select(o => o with { Counts = o.Counts with { Total = 999 } }), .. week.Skip(3)], failAfter: 10);
        Assert.ThrowsAny<Exception>(() => Mobility.UpsertFlows([Road], batch));
        Assert.Equal(3, Mobility.CountFlowObservations());
        Assert.Equal([Ghat], Mobility.ReadFlowPoints());
        Assert.Equal(before, Mobility.ReadFlowDailyTotals());
    }

    [Fact]
    public async Task FlowTotals_SumPersonsPerPointAndDirection_WithinTheDays_SplitAtADay()
    {
        await SeedAreas();
        var week = Week();
        Mobility.UpsertFlows([Ghat, Road], week);
        var (from, to, split) = (new DateOnly(2026, 9, 2), new DateOnly(2026, 9, 6), new DateOnly(2026, 9, 4));
        var totals = Mobility.ReadFlowTotals(from, to, split);

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

        var all = Mobility.ReadFlowTotals();
        Assert.Equal(week.Sum(o => (long)o.Counts.Total), all.Directions.Sum(d => d.Persons));
        Assert.Equal(0, all.Directions.Sum(d => d.PersonsBeforeSplit));
    }
}
