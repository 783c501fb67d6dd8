using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>
/// Households read by id (what a target list fetches, through a raw statement) are the households imported: their
/// store id, submission id, household code and area, nothing else.
/// </summary>
public sealed class SqliteHouseholdsByIdTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ReadListedHouseholds_OfAScatteredSubset_GivesTheImportedHouseholdsInAscendingId()
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
        var read = await ((IHouseholdsByIdSource)store.Registry).ReadListedHouseholdsAsync(asked, ct);

        // The oracle: the imported households' own fields, with the ids the ordinary read gives.
        var expected = wanted.Select(h => new ListedHousehold(stored[h.SubmissionId], h.SubmissionId, h.HouseholdCode, h.AreaPcode))
            .OrderBy(h => h.Id).ToList();
        Assert.Equal(expected, read);
        Assert.Contains(read, h => h.HouseholdCode is not null);
        Assert.Contains(read, h => h.HouseholdCode is null);
        Assert.Empty(await ((IHouseholdsByIdSource)store.Registry).ReadListedHouseholdsAsync([], ct));
    }
}
