using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>
/// Households read by id (what a target list fetches, through raw statements) are the households imported, every
/// field as ordinary reads give it (no names, phones or GPS point), with their own members in line order.
/// </summary>
public sealed class SqliteHouseholdsByIdTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ReadHouseholdsById_OfAScatteredSubset_GivesTheImportedHouseholdsInAscendingId()
    {
        var ct = TestContext.Current.CancellationToken;
        var imported = new List<Household> { Fixtures.ReturneeFamily(), Fixtures.DisplacedFamily() };
        imported.AddRange(RandomRegistry.Households(300, seed: 7));
        imported.AddRange(SyntheticHouseholds.Generate(300, seed: 11));
        using var store = SqliteMosaicStore.Open(_dir.File("registry.db"));
        await store.Areas.UpsertAsync(RandomRegistry.Areas, cancellationToken: ct);
        await store.Registry.ImportAsync("test", imported, TestContext.Current.CancellationToken);
        var stored = (await store.Registry.ReadHouseholdsAsync(cancellationToken: ct).ToListAsync(ct)).ToDictionary(h => h.SubmissionId, h => h.Id);

        var wanted = imported.Where((_, i) => i % 7 == 1 || i < 2).ToList();
        // Unsorted, with an unknown id and a repeat: the result is each known household once, ascending by id.
        var asked = wanted.Select(h => stored[h.SubmissionId]).Reverse().Append(999_999).Append(stored[wanted[0].SubmissionId]).ToList();
        var read = await ((IHouseholdsByIdSource)store.Registry).ReadHouseholdsByIdAsync(asked, ct);

        var expected = wanted.Select(h => h with
        {
            Id = stored[h.SubmissionId],
            Gps = null,
            Members = [.. h.Members.Select(m => m with { Name = null, Phone = null })],
        }).OrderBy(h => h.Id).ToList();
        Assert.Equal(expected.Select(h => h.Id), read.Select(h => h.Id));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i] with { Members = read[i].Members }, read[i]);
            Assert.Equal(expected[i].Members, read[i].Members);
        }
        Assert.Contains(read, h => h.Members.Any(m => m.MoveDate is not null));
        Assert.Contains(read, h => h.SubmittedAt is not null);
        Assert.Empty(await ((IHouseholdsByIdSource)store.Registry).ReadHouseholdsByIdAsync([], ct));
    }
}
