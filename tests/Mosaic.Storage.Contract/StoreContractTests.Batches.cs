using Mosaic.Core.Registry;
using Mosaic.Core.Storage;

namespace Mosaic.Storage.Contract;

// The import batch: a chunk of households in, an outcome per household out, decided in input order against what is
// committed and what this batch added before (in an earlier chunk or earlier in the same chunk).
public abstract partial class StoreContractTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The same submission id with other content: one member fewer.</summary>
    private static Household Changed(Household household) => household with { Members = [household.Members[0]] };

    private static FingerprintedHousehold Fingerprinted(Household household) => new(household, HouseholdFingerprint.Compute(household));

    [Fact]
    public async Task RegistrationBatch_Chunk_GivesAnOutcomePerHouseholdInInputOrder()
    {
        await SeedAreas();
        var stored = Fixtures.ReturneeFamily("stored");
        await ImportAsync(stored);
        var fresh = Fixtures.DisplacedFamily("fresh");
        var other = Fixtures.DisplacedFamily("other");

        RegistrationCommitted committed;
        using (var batch = await Store.Registry.BeginImportAsync("chunk", Token))
        {
            var outcomes = await batch.AddAsync(
                [Fingerprinted(stored), Fingerprinted(Changed(stored)), Fingerprinted(fresh), Fingerprinted(fresh), Fingerprinted(Changed(fresh)), Fingerprinted(other)],
                Token);
            Assert.Equal(
                [RegistrationOutcome.Duplicate, RegistrationOutcome.Conflict, RegistrationOutcome.Added, RegistrationOutcome.Duplicate,
                    RegistrationOutcome.Conflict, RegistrationOutcome.Added],
                outcomes);
            committed = await batch.CommitAsync(Token);
        }

        // Two new households of three members each; the conflicts overwrote nothing.
        Assert.Equal(new RegistrationCommitted(2, 6), committed);
        Assert.Equal(3, await Store.Registry.CountHouseholdsAsync(cancellationToken: Token));
        Assert.Equal(4 + 3 + 3, await Store.Registry.CountPersonsAsync(cancellationToken: Token));
        Assert.Equal(4, (await Store.Registry.GetHouseholdAsync("stored", Token))!.Members.Count);
        Assert.Equal(3, (await Store.Registry.GetHouseholdAsync("fresh", Token))!.Members.Count);
    }

    [Fact]
    public async Task RegistrationBatch_SubmissionRepeatedInALaterChunk_IsADuplicateOrAConflictAsInTheSameChunk()
    {
        await SeedAreas();
        var family = Fixtures.ReturneeFamily();
        using var batch = await Store.Registry.BeginImportAsync("chunks", Token);
        Assert.Equal([RegistrationOutcome.Added], await batch.AddAsync([Fingerprinted(family)], Token));
        Assert.Equal([RegistrationOutcome.Conflict, RegistrationOutcome.Duplicate],
            await batch.AddAsync([Fingerprinted(Changed(family)), Fingerprinted(family)], Token));
        Assert.Empty(await batch.AddAsync([], Token));
        Assert.Equal(new RegistrationCommitted(1, 4), await batch.CommitAsync(Token));
    }

    [Fact]
    public async Task RegistrationBatch_ThousandsOfHouseholdsInUnevenChunks_StoresEachOnceWithItsMembers()
    {
        // More households than a store sends in one round (the PostgreSQL store's rounds grow 1,024, 2,048, 4,096…),
        // given in chunks that straddle those rounds, with a repeat and a changed copy near the end.
        await SeedAreas();
        var households = Enumerable.Range(0, 5000)
            .Select(i => i % 2 == 0 ? Fixtures.DisplacedFamily($"h{i:D5}") : Fixtures.ReturneeFamily($"h{i:D5}"))
            .ToList();
        var outcomes = new List<RegistrationOutcome>();
        using (var batch = await Store.Registry.BeginImportAsync("rounds", Token))
        {
            foreach (var chunk in households.Append(households[10]).Append(Changed(households[3071])).Chunk(700))
                outcomes.AddRange(await batch.AddAsync([.. chunk.Select(Fingerprinted)], Token));
            var expectedPersons = households.Sum(h => h.Members.Count);
            Assert.Equal(new RegistrationCommitted(5000, expectedPersons), await batch.CommitAsync(Token));
        }

        Assert.Equal([.. Enumerable.Repeat(RegistrationOutcome.Added, 5000), RegistrationOutcome.Duplicate, RegistrationOutcome.Conflict], outcomes);
        Assert.Equal(5000, await Store.Registry.CountHouseholdsAsync(cancellationToken: Token));
        Assert.Equal(households.Sum(h => h.Members.Count), await Store.Registry.CountPersonsAsync(cancellationToken: Token));
        foreach (var i in new[] { 0, 1023, 1024, 3071, 3072, 4999 })
        {
            var stored = (await Store.Registry.GetHouseholdAsync(households[i].SubmissionId, Token))!;
            Assert.Equal(households[i].Members.Select(m => (m.LineNumber, m.Age)), stored.Members.Select(m => (m.LineNumber, m.Age)));
        }
    }

    [Fact]
    public async Task RegistrationBatch_Cancelled_StoresNothing_AndTheStoreImportsAgain()
    {
        await SeedAreas();
        using (var cancelled = new CancellationTokenSource())
        {
            using (var batch = await Store.Registry.BeginImportAsync("cancelled", Token))
            {
                Assert.Equal([RegistrationOutcome.Added], await batch.AddAsync([Fingerprinted(Fixtures.ReturneeFamily())], Token));
                await cancelled.CancelAsync();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => batch.AddAsync([Fingerprinted(Fixtures.DisplacedFamily())], cancelled.Token));
            }
            using (var batch = await Store.Registry.BeginImportAsync("cancelled at commit", Token))
            {
                await batch.AddAsync([Fingerprinted(Fixtures.ReturneeFamily())], Token);
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => batch.CommitAsync(cancelled.Token));
            }
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.Registry.BeginImportAsync("never begun", cancelled.Token));
        }
        Assert.Equal(0, await Store.Registry.CountHouseholdsAsync(cancellationToken: Token));
        Assert.Equal(0, await Store.Registry.CountPersonsAsync(cancellationToken: Token));
        Assert.Empty(await Store.Registry.CountHouseholdsBySourceAsync(Token));

        // The same households import afterwards: nothing of the cancelled batches was kept.
        Assert.Equal(new RegistrationCommitted(2, 7),
            await Store.Registry.ImportAsync("after", [Fixtures.ReturneeFamily(), Fixtures.DisplacedFamily()], Token));
    }
}
