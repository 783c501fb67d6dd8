using Mosaic.Core.Demo;
using Mosaic.Core.Mobility;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using static Mosaic.Storage.Contract.MobilityFixtures;

namespace Mosaic.Storage.Contract;

/// <summary>
/// Cancellation and early disposal on <see cref="IMobilityStore"/>, as every provider must honour them: a cancelled
/// read or stream throws <see cref="OperationCanceledException"/> (never a <see cref="StoreException"/>) and the unit
/// of work answers the next call; a stream left early releases it; a cancelled write stores nothing. Expected rows
/// and counts come from the fixtures written, never from the store.
/// </summary>
public abstract class MobilityCancellationContractTests(IStoreProvider provider) : ContractTestBase(provider)
{
    private const int Households = 200;
    private const int RegistrySeed = 23;

    // The statuses the registry's movers have (with a move date): DESIGN §2, stated here, not taken from the store.
    private static readonly MigratoryStatus[] s_mobile =
        [MigratoryStatus.Idp, MigratoryStatus.IdpReturnee, MigratoryStatus.Returnee, MigratoryStatus.InternationalMigrant, MigratoryStatus.Refugee];

    private static CancellationToken TestToken => TestContext.Current.CancellationToken;

    private static CancellationToken Cancelled() => new(canceled: true);

    private IMobilityStore Mobility => Store.Mobility;

    /// <summary>What was written, in the order each stream promises.</summary>
    private sealed record Seeded(List<string> Assessments, List<string> Observations, List<string> Movers);

    /// <summary>The three streams, as the record ids (assessments, observations) or the persons (movers) they give.</summary>
    public static TheoryData<string> Streams => ["assessments", "observations", "movers"];

    private IAsyncEnumerable<string> Stream(string name, CancellationToken readToken) => name switch
    {
        "assessments" => Mobility.ReadAssessmentsAsync(null, readToken).Select(a => a.RecordId),
        "observations" => Mobility.ReadFlowObservationsAsync(null, readToken).Select(o => o.RecordId),
        _ => Mobility.ReadRegisteredMoversAsync(null, readToken).Select(m => MoverKey(m.AreaPcode, m.MoveDate, m.Status, m.Age)),
    };

    private static List<string> Expected(Seeded seeded, string name) => name switch
    {
        "assessments" => seeded.Assessments,
        "observations" => seeded.Observations,
        _ => seeded.Movers,
    };

    private static string MoverKey(string area, DateOnly date, MigratoryStatus status, int? age) => $"{area} {date:yyyy-MM-dd} {status} {age}";

    /// <summary>60 assessments, a week of crossings at two points, and a registry whose mobile members all have a move date.</summary>
    private async Task<Seeded> SeedAll()
    {
        await Store.Areas.UpsertAsync(RandomRegistry.Areas, cancellationToken: TestToken);
        var assessments = Enumerable.Range(0, 60).Select(i => Village($"a-{i:D2}", round: 1 + (i % 3))).ToList();
        await Mobility.UpsertAssessmentsAsync(assessments, TestToken);
        var week = Week();
        await Mobility.UpsertFlowsAsync([Ghat, Road], week, TestToken);

        var households = RandomRegistry.Households(Households, RegistrySeed).Select((h, i) => h with
        {
            Members = [.. h.Members.Select((m, j) => s_mobile.Contains(m.MigratoryStatus)
                ? m with { MoveDate = new DateOnly(2025, 1 + ((i + j) % 12), 1 + ((i * 7 + j) % 28)) }
                : m with { MoveDate = null })],
        }).ToList();
        await Store.Registry.ImportAsync("test", households, TestToken);

        // Observations: by point, then day, then import order (the list's order).
        var observations = week.Select((o, i) => (o, i)).OrderBy(x => x.o.PointCode, StringComparer.Ordinal).ThenBy(x => x.o.Date).ThenBy(x => x.i)
            .Select(x => x.o.RecordId).ToList();
        // Movers: households in import order, members in their roster order.
        var movers = households.SelectMany(h => h.Members.Where(m => s_mobile.Contains(m.MigratoryStatus) && m.MoveDate is not null)
            .Select(m => MoverKey(h.AreaPcode, m.MoveDate!.Value, m.MigratoryStatus, m.Age))).ToList();
        Assert.True(movers.Count > 20, $"the fixture registry has only {movers.Count} movers");
        return new Seeded([.. assessments.Select(a => a.RecordId)], observations, movers);
    }

    [Fact]
    public async Task EveryMobilityRead_WithATokenCancelledBefore_ThrowsCancellation_AndTheUnitOfWorkStillAnswers()
    {
        var seeded = await SeedAll();
        var reads = new (string Name, Func<CancellationToken, Task> Read)[]
        {
            ("assessment keys", t => Mobility.ReadAssessmentKeysAsync(t)),
            ("one assessment", t => Mobility.GetAssessmentAsync("a-07", t)),
            ("assessment count", t => Mobility.CountAssessmentsAsync(t)),
            ("assessment totals", t => Mobility.ReadAssessmentTotalsAsync([1], t)),
            ("flow points", t => Mobility.ReadFlowPointsAsync(t)),
            ("observation count", t => Mobility.CountFlowObservationsAsync(t)),
            ("daily totals", t => Mobility.ReadFlowDailyTotalsAsync(Ghat.Code, t)),
            ("flow totals", t => Mobility.ReadFlowTotalsAsync(null, null, new DateOnly(2026, 9, 4), t)),
            ("assessment stream", t => Mobility.ReadAssessmentsAsync(null, t).ToListAsync(TestToken).AsTask()),
            ("observation stream", t => Mobility.ReadFlowObservationsAsync(null, t).ToListAsync(TestToken).AsTask()),
            ("mover stream", t => Mobility.ReadRegisteredMoversAsync(null, t).ToListAsync(TestToken).AsTask()),
        };
        foreach (var (name, read) in reads)
        {
            var ex = await Record.ExceptionAsync(() => read(Cancelled()));
            Assert.True(ex is OperationCanceledException, $"{name}: {ex?.GetType().Name ?? "no exception"}");
        }

        // The same unit of work, right after: what the fixtures wrote.
        Assert.Equal(seeded.Assessments.Count, await Mobility.CountAssessmentsAsync(TestToken));
        Assert.Equal(seeded.Observations.Count, await Mobility.CountFlowObservationsAsync(TestToken));
        Assert.Equal("a-07", (await Mobility.GetAssessmentAsync("a-07", TestToken))?.RecordId);
        Assert.Equal([Ghat.Code, Road.Code], (await Mobility.ReadFlowPointsAsync(TestToken)).Select(p => p.Code));
        Assert.Equal(seeded.Movers, await Stream("movers", TestToken).ToListAsync(TestToken));
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public async Task MobilityStream_WithATokenCancelledBefore_ReadsNothingUntilEnumerated_ThenThrowsCancellation_ByEitherToken(string name)
    {
        var seeded = await SeedAll();

        // Asking for the stream reads nothing, so it cannot fail yet.
        var byReadToken = Stream(name, Cancelled());
        var delivered = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in byReadToken)
                delivered++;
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in Stream(name, TestToken).WithCancellation(Cancelled()))
                delivered++;
        });

        Assert.Equal(0, delivered);
        Assert.Equal(Expected(seeded, name), await Stream(name, TestToken).ToListAsync(TestToken));
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public async Task MobilityStream_CancelledMidway_StopsAtTheNextRow_AndTheUnitOfWorkStreamsEverythingAgain(string name)
    {
        var seeded = await SeedAll();
        const int Before = 10;
        foreach (var throughEnumeration in new[] { false, true })
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestToken);
            var stream = throughEnumeration
                ? Stream(name, TestToken).WithCancellation(cancel.Token)
                : Stream(name, cancel.Token).WithCancellation(TestToken);
            var delivered = new List<string>();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (var row in stream)
                {
                    delivered.Add(row);
                    if (delivered.Count == Before)
                        await cancel.CancelAsync();
                }
            });

            // Nothing after the cancellation, and what came before was the start of the stream.
            Assert.Equal(Expected(seeded, name).Take(Before), delivered);
            Assert.Equal(seeded.Assessments.Count, await Mobility.CountAssessmentsAsync(TestToken));
            Assert.Equal(Expected(seeded, name), await Stream(name, TestToken).ToListAsync(TestToken));
        }
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public async Task MobilityStream_DisposedEarly_ReleasesTheUnitOfWork_ForEveryOtherCall(string name)
    {
        var seeded = await SeedAll();
        var expected = Expected(seeded, name);

        var firstThree = await Stream(name, TestToken).Take(3).ToListAsync(TestToken);
        // Left early by hand too: one row, then disposed.
        await using (var e = Stream(name, TestToken).GetAsyncEnumerator(TestToken))
            Assert.True(await e.MoveNextAsync());

        Assert.Equal(expected.Take(3), firstThree);
        Assert.Equal(seeded.Assessments.Count, await Mobility.CountAssessmentsAsync(TestToken));
        Assert.Equal("a-42", (await Mobility.GetAssessmentAsync("a-42", TestToken))?.RecordId);
        Assert.Equal(seeded.Observations.Count, (await Mobility.ReadFlowObservationsAsync(null, TestToken).ToListAsync(TestToken)).Count);
        Assert.Equal(seeded.Movers, await Stream("movers", TestToken).ToListAsync(TestToken));
        // A write on the same unit of work, then the stream again, whole.
        Assert.Equal(new UpsertCounts(1, 0, 0), await Mobility.UpsertAssessmentsAsync([Village("after")], TestToken));
        Assert.Equal(expected.Skip(3).Take(4), await Stream(name, TestToken).Skip(3).Take(4).ToListAsync(TestToken));
    }

    [Fact]
    public async Task MobilityWrites_WithATokenCancelledBefore_StoreNothing()
    {
        await SeedAreas();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Mobility.UpsertAssessmentsAsync([Village("a"), Village("b")], Cancelled()));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Mobility.UpsertFlowsAsync([Ghat, Road], Week(), Cancelled()));

        Assert.Equal(0, await Mobility.CountAssessmentsAsync(TestToken));
        Assert.Equal(0, await Mobility.CountFlowObservationsAsync(TestToken));
        Assert.Empty(await Mobility.ReadFlowPointsAsync(TestToken));
        Assert.Empty(await Mobility.ReadFlowDailyTotalsAsync(cancellationToken: TestToken));
        Assert.Empty(await Mobility.ReadAssessmentTotalsAsync(cancellationToken: TestToken));
    }

    [Fact]
    public async Task AnAssessmentUpsert_CancelledWhileItWrites_CommitsNothing_OnAnyUnitOfWork()
    {
        await Store.Areas.UpsertAsync(MobilityDemo.Areas(), cancellationToken: TestToken);
        await Mobility.UpsertAssessmentsAsync([Village("kept")], TestToken);
        var records = MobilityDemo.Assessments();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestToken);

        // The records are handed over one by one; the token is cancelled at the third, mid-transaction.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Mobility.UpsertAssessmentsAsync(new CancellingList<LocationAssessment>([.. records, Village("kept") with { Round = 9 }], cancel, cancelAt: 2),
                cancel.Token));

        Assert.Equal(1, await Mobility.CountAssessmentsAsync(TestToken));
        Assert.Equal(1, (await Mobility.GetAssessmentAsync("kept", TestToken))?.Round);
        Assert.Null(await Mobility.GetAssessmentAsync(records[0].RecordId, TestToken));
        Assert.Equal(await ExpectedTotals(Mobility), SortTotals(await Mobility.ReadAssessmentTotalsAsync(cancellationToken: TestToken)));
        using (var other = ReopenStore())
            Assert.Equal(["kept"], await other.Mobility.ReadAssessmentsAsync(cancellationToken: TestToken).Select(a => a.RecordId).ToListAsync(TestToken));
        // And the unit of work takes the same upsert whole afterwards.
        Assert.Equal(new UpsertCounts(records.Count, 0, 0), await Mobility.UpsertAssessmentsAsync(records, TestToken));
    }

    [Fact]
    public async Task AFlowUpsert_CancelledWhileItWrites_CommitsNothing_OnAnyUnitOfWork()
    {
        await SeedAreas();
        var week = Week();
        await Mobility.UpsertFlowsAsync([Ghat], [week[0]], TestToken);
        var before = await Mobility.ReadFlowDailyTotalsAsync(cancellationToken: TestToken);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestToken);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Mobility.UpsertFlowsAsync([Ghat with { Name = "Renamed" }, Road], new CancellingList<FlowObservation>([.. week.Skip(1)], cancel, cancelAt: 5), cancel.Token));

        Assert.Equal(1, await Mobility.CountFlowObservationsAsync(TestToken));
        Assert.Equal([Ghat], await Mobility.ReadFlowPointsAsync(TestToken));
        Assert.Equal(before, await Mobility.ReadFlowDailyTotalsAsync(cancellationToken: TestToken));
        using (var other = ReopenStore())
        {
            Assert.Equal([week[0].RecordId], await other.Mobility.ReadFlowObservationsAsync(cancellationToken: TestToken).Select(o => o.RecordId).ToListAsync(TestToken));
            Assert.Equal([Ghat], await other.Mobility.ReadFlowPointsAsync(TestToken));
        }
        // And the unit of work takes the same upsert whole afterwards.
        Assert.Equal(new UpsertCounts(week.Count - 1, 0, 0), await Mobility.UpsertFlowsAsync([Ghat, Road], [.. week.Skip(1)], TestToken));
    }
}
