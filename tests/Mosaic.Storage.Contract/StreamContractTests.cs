using Mosaic.Core.Registry;

namespace Mosaic.Storage.Contract;

/// <summary>
/// The asynchronous streams of a store, as every provider must give them: every stored row once, in the documented
/// order, again on a second enumeration; nothing read before the enumeration starts; a cancellation (before the
/// first row or between two, through the read's token or the enumeration's) ends the stream with
/// <see cref="OperationCanceledException"/>, and the unit of work answers the next call. Expected values come from the
/// generated fixtures, never from the store.
/// </summary>
public abstract class StreamContractTests(IStoreProvider provider) : ContractTestBase(provider)
{
    private const int Households = 300;
    private const int Seed = 17;

    private static CancellationToken TestToken => TestContext.Current.CancellationToken;

    private static CancellationToken Cancelled() => new(canceled: true);

    private async Task<List<Household>> SeedRandomRegistry()
    {
        await Store.Areas.UpsertAsync(RandomRegistry.Areas, cancellationToken: TestToken);
        RandomRegistry.Import(Store, Households, Seed);
        return RandomRegistry.Households(Households, Seed);
    }

    /// <summary>What a household read returns of a generated household: no name, no phone, no GPS point.</summary>
    private static (string, string, Household, List<Person>) Stored(Household h) =>
        (h.SubmissionId, h.AreaPcode, h with { Id = 0, Gps = null, Members = [] }, [.. h.Members.Select(m => m with { Name = null, Phone = null })]);

    private static (string, string, Household, List<Person>) Read(Household h) =>
        (h.SubmissionId, h.AreaPcode, h with { Id = 0, Members = [] }, [.. h.Members]);

    [Fact]
    public async Task HouseholdStream_GivesEveryImportedHouseholdInImportOrder_WithItsMembers_AndTheSameWhenEnumeratedAgain()
    {
        var generated = await SeedRandomRegistry();
        var stream = Store.Registry.ReadHouseholdsAsync(cancellationToken: TestToken);

        var first = await stream.ToListAsync(TestToken);
        var second = await stream.ToListAsync(TestToken);

        // Ids are given in import order, so "ordered by id" is the generated order.
        Assert.Equal(generated.Count, first.Count);
        for (var i = 0; i < generated.Count; i++)
        {
            var (id, area, household, members) = Stored(generated[i]);
            var (readId, readArea, readHousehold, readMembers) = Read(first[i]);
            Assert.Equal((id, area), (readId, readArea));
            Assert.Equal(household, readHousehold);
            Assert.Equal(members, readMembers);
        }
        Assert.True(first.Zip(first.Skip(1)).All(p => p.First.Id < p.Second.Id));
        Assert.Equal(first.Select(h => (h.Id, h.SubmissionId, h.Members.Count)), second.Select(h => (h.Id, h.SubmissionId, h.Members.Count)));
    }

    [Fact]
    public async Task HouseholdStream_OfAScope_GivesExactlyTheGeneratedHouseholdsOfThatSubtree()
    {
        var generated = await SeedRandomRegistry();
        // COD P-codes extend their parent's: the subtree of a union is the P-codes that start with it.
        var expected = generated.Where(h => h.AreaPcode.StartsWith("BD55490917", StringComparison.Ordinal)).Select(h => h.SubmissionId).ToList();

        var read = await Store.Registry.ReadHouseholdsAsync("BD55490917", cancellationToken: TestToken).Select(h => h.SubmissionId).ToListAsync(TestToken);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, read);
    }

    [Fact]
    public async Task HouseholdStream_WithATokenCancelledBefore_ReadsNothingUntilEnumerated_ThenThrowsCancellation_ByEitherToken()
    {
        var generated = await SeedRandomRegistry();

        // Asking for the stream reads nothing, so it cannot fail yet.
        var byReadToken = Store.Registry.ReadHouseholdsAsync(null, HouseholdFields.Location, Cancelled());
        var delivered = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in byReadToken)
                delivered++;
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in Store.Registry.ReadHouseholdsAsync(cancellationToken: TestToken).WithCancellation(Cancelled()))
                delivered++;
        });

        Assert.Equal(0, delivered);
        Assert.Equal(generated.Count, await Store.Registry.CountHouseholdsAsync(cancellationToken: TestToken));
        Assert.Equal(generated.Count, await Store.Registry.ReadHouseholdsAsync(cancellationToken: TestToken).CountAsync(TestToken));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HouseholdStream_CancelledMidway_StopsAtTheNextHousehold_AndTheUnitOfWorkStreamsEverythingAgain(bool throughEnumeration)
    {
        var generated = await SeedRandomRegistry();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestToken);
        var stream = throughEnumeration
            ? Store.Registry.ReadHouseholdsAsync(cancellationToken: TestToken).WithCancellation(cancel.Token)
            : Store.Registry.ReadHouseholdsAsync(cancellationToken: cancel.Token).WithCancellation(TestToken);
        var delivered = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var h in stream)
            {
                delivered.Add(h.SubmissionId);
                if (delivered.Count == 50)
                    await cancel.CancelAsync();
            }
        });

        // Nothing after the cancellation, and what came before was the start of the registry.
        Assert.Equal(generated.Take(50).Select(h => h.SubmissionId), delivered);
        var members = generated.Sum(h => h.Members.Count);
        Assert.Equal(members, await Store.Registry.CountPersonsAsync(cancellationToken: TestToken));
        Assert.Equal(members, await Store.Registry.ReadHouseholdsAsync(cancellationToken: TestToken).Select(h => h.Members.Count).SumAsync(TestToken));
    }

    [Fact]
    public async Task HouseholdStream_LeftEarly_ReleasesTheUnitOfWork_ForTheNextCalls()
    {
        var generated = await SeedRandomRegistry();

        var firstFive = await Store.Registry.ReadHouseholdsAsync(cancellationToken: TestToken).Take(5).ToListAsync(TestToken);
        var household = await Store.Registry.GetHouseholdAsync(generated[7].SubmissionId, TestToken);
        var again = await Store.Registry.ReadHouseholdsAsync(cancellationToken: TestToken).Skip(5).Take(5).ToListAsync(TestToken);

        Assert.Equal(generated.Take(5).Select(h => h.SubmissionId), firstFive.Select(h => h.SubmissionId));
        Assert.Equal(generated[7].Members.Count, household?.Members.Count);
        Assert.Equal(generated.Skip(5).Take(5).Select(h => h.SubmissionId), again.Select(h => h.SubmissionId));
    }
}
