using Mosaic.Core.Access;
using Mosaic.Core.Areas;
using Mosaic.Core.Audit;
using Mosaic.Core.Demo;
using Mosaic.Core.Hazards;
using Mosaic.Core.Privacy;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Core.Vulnerability;

namespace Mosaic.Storage.Contract;

/// <summary>
/// Cancellation, as every provider must honour it: a cancelled call throws <see cref="OperationCanceledException"/>
/// (never a <see cref="StoreException"/>), a cancelled write commits nothing, and the unit of work answers the next
/// call as if nothing had happened. The expected counts come from the fixtures written, never from the store.
/// </summary>
public abstract class CancellationContractTests(IStoreProvider provider) : ContractTestBase(provider)
{
    private static CancellationToken TestToken => TestContext.Current.CancellationToken;

    private static CancellationToken Cancelled() => new(canceled: true);

    private async Task SeedTwoFamilies()
    {
        await Store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: TestToken);
        await ImportAsync(Fixtures.ReturneeFamily(), Fixtures.DisplacedFamily());
    }

    [Fact]
    public async Task EveryRead_WithATokenCancelledBefore_ThrowsCancellation_AndTheUnitOfWorkStillAnswers()
    {
        await SeedTwoFamilies();
        var reads = new (string Name, Func<CancellationToken, Task> Read)[]
        {
            ("areas: all", t => Store.Areas.AllAsync(cancellationToken: t)),
            ("areas: get", t => Store.Areas.GetAsync("BD55490917", t)),
            ("areas: subtree", t => Store.Areas.SubtreeAsync("BD55", cancellationToken: t)),
            ("areas: count", t => Store.Areas.CountAsync(t)),
            ("registry: version", t => Store.Registry.CurrentVersionAsync(t)),
            ("registry: households", t => Store.Registry.CountHouseholdsAsync(cancellationToken: t)),
            ("registry: persons", t => Store.Registry.CountPersonsAsync("BD55490917", t)),
            ("registry: by source", t => Store.Registry.CountHouseholdsBySourceAsync(t)),
            ("registry: by status", t => Store.Registry.CountPersonsByStatusAsync(cancellationToken: t)),
            ("registry: one household", t => Store.Registry.GetHouseholdAsync("uuid-returnee-1", t)),
            ("registry: household stream", t => Store.Registry.ReadHouseholdsAsync(cancellationToken: t).ToListAsync(TestToken).AsTask()),
            ("scores: latest run", t => Store.Scores.LatestRunAsync(t)),
            ("scores: all", t => Store.Scores.ReadScoresAsync(t)),
        };
        foreach (var (name, read) in reads)
        {
            var ex = await Record.ExceptionAsync(() => read(Cancelled()));
            Assert.True(ex is OperationCanceledException, $"{name}: {ex?.GetType().Name ?? "no exception"}");
        }

        // The same unit of work, right after: what the fixtures wrote.
        Assert.Equal(Fixtures.Areas.Count, await Store.Areas.CountAsync(TestToken));
        Assert.Equal(2, await Store.Registry.CountHouseholdsAsync(cancellationToken: TestToken));
        Assert.Equal(
            Fixtures.ReturneeFamily().Members.Count + Fixtures.DisplacedFamily().Members.Count,
            await Store.Registry.CountPersonsAsync(cancellationToken: TestToken));
        Assert.Equal("uuid-returnee-1", (await Store.Registry.GetHouseholdAsync("uuid-returnee-1", TestToken))?.SubmissionId);
    }

    [Fact]
    public async Task AnAreaUpsert_CancelledWhileItWrites_CommitsNothing()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestToken);
        // The areas are handed over one by one; the token is cancelled after the third, mid-transaction.
        IEnumerable<Area> AreasThenCancel()
        {
            for (var i = 0; i < Fixtures.Areas.Count; i++)
            {
                if (i == 3)
                    cancel.Cancel();
                yield return Fixtures.Areas[i];
            }
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.Areas.UpsertAsync(AreasThenCancel(), cancellationToken: cancel.Token));

        Assert.Equal(0, await Store.Areas.CountAsync(TestToken));
        using var other = ReopenStore();
        Assert.Empty(await other.Areas.AllAsync(cancellationToken: TestToken));
        // And the unit of work takes the same upsert whole afterwards.
        var written = await Store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: TestToken);
        Assert.Equal(Fixtures.Areas.Count, written.Inserted);
    }

    [Fact]
    public async Task AContactRead_CancelledBefore_ReturnsNoContact_AndWritesNoAuditEntry()
    {
        await SeedTwoFamilies();
        var id = (await Store.Registry.GetHouseholdAsync("uuid-returnee-1", TestToken))!.Id;
        var request = new ContactRequest(new Actor("manager", Role.Manager, null), AuditActions.RegistrationsRead, "test", [id], "test");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.Registry.ReadContactsAsync(request, Cancelled()));

        Assert.Empty(await Store.AuditLog.ReadAsync(cancellationToken: TestContext.Current.CancellationToken));
        // The door still works on the same unit of work, and logs that one read.
        var read = await Store.Registry.ReadContactsAsync(request, TestToken);
        Assert.Equal(1, read.Households);
        Assert.Single(await Store.AuditLog.ReadAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AScoringRunSave_CancelledWhileItWrites_StoresNothing_AndThePreviousRunStaysTheLatest()
    {
        await SeedTwoFamilies();
        var model = DefaultVulnerabilityModel.Model;
        var at = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
        var first = await StoreScoring.RunAsync(Store, model, at, TestToken);
        Assert.Equal(2, (await Store.Scores.ReadScoresAsync(TestToken)).Count);

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestToken);
        var again = ScoringRun.Run(
            await Store.Registry.ReadHouseholdsAsync(null, HouseholdFields.Location, TestToken).ToListAsync(TestToken), model, HazardIndex.Build([]),
            await Store.Areas.AllAsync(withBoundaries: true, TestToken));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Store.Scores.SaveRunAsync(model, new CancellingList<ScoredHousehold>(again, cancel, cancelAt: 1), at.AddDays(1), cancel.Token));

        Assert.Equal(first.RunId, (await Store.Scores.LatestRunAsync(TestToken))?.Id);
        Assert.Equal(2, (await Store.Scores.ReadScoresAsync(TestToken)).Count);
    }

    [Fact]
    public async Task AHouseholdImport_CancelledBetweenChunks_CommitsNothing_OnAnyUnitOfWork()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestToken);
        var demo = new DemoGenerator(new DemoOptions { Households = 3000, Seed = 5 });
        await Store.Areas.UpsertAsync(demo.Areas(), cancellationToken: TestToken);
        // Progress is reported every 512 households: the first report cancels, so the batch is part-written.
        var run = new DemoRun(demo, Store, done =>
        {
            if (done > 0)
                cancel.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new DemoHouseholdsStep().RunAsync(run, cancel.Token));

        Assert.Equal(0, await Store.Registry.CountHouseholdsAsync(cancellationToken: TestToken));
        using var other = ReopenStore();
        Assert.Equal(0, await other.Registry.CountHouseholdsAsync(cancellationToken: TestToken));
        Assert.Equal(0, await other.Registry.CountPersonsAsync(cancellationToken: TestToken));
    }
}

/// <summary>A list that cancels a token when its enumeration reaches an item: a cancellation in the middle of a write.</summary>
public sealed class CancellingList<T>(IReadOnlyList<T> items, CancellationTokenSource cancel, int cancelAt) : IReadOnlyList<T>
{
    public T this[int index]
    {
        get
        {
            if (index >= cancelAt)
                cancel.Cancel();
            return items[index];
        }
    }

    public int Count => items.Count;

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < items.Count; i++)
            yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
