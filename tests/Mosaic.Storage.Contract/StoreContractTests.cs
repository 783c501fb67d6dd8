using Mosaic.Core.Areas;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using NetTopologySuite.Geometries;

namespace Mosaic.Storage.Contract;

/// <summary>
/// Behaviour every store provider must have. A provider's test project derives from this class and
/// supplies a fresh, empty store per test; the suite runs unchanged against SQLite and PostgreSQL.
/// </summary>
public abstract partial class StoreContractTests(IStoreProvider provider) : ContractTestBase(provider)
{
    [Fact]
    public async Task NewStore_IsMigratedToACurrentSchemaAndEmpty()
    {
        Assert.True(Store.SchemaVersion >= 1);
        Assert.Equal(0, await Store.Areas.CountAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(0, await Store.Registry.CountHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Registry_CountsHouseholdsBySource_AsEachImportNamedIt()
    {
        await SeedAreas();
        await ImportAsync(Fixtures.ReturneeFamily());
        await Store.Registry.ImportAsync("demo (seed 7)", [Fixtures.DisplacedFamily("d-1"), Fixtures.DisplacedFamily("d-2")], TestContext.Current.CancellationToken);
        using (var rolledBack = await Store.Registry.BeginImportAsync("never committed", TestContext.Current.CancellationToken))
            await rolledBack.AddAsync(Fixtures.DisplacedFamily("d-3"), TestContext.Current.CancellationToken);

        var bySource = await Store.Registry.CountHouseholdsBySourceAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, bySource.Count);
        Assert.Equal(1, bySource["test"]);
        Assert.Equal(2, bySource["demo (seed 7)"]);
    }

    [Fact]
    public async Task Areas_UpsertTwice_SecondTimeChangesNothing()
    {
        var first = await Store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: TestContext.Current.CancellationToken);
        var second = await Store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(Fixtures.Areas.Count, first.Inserted);
        Assert.Equal(new AreaUpsertResult(0, 0, Fixtures.Areas.Count), second);
    }

    [Fact]
    public async Task Areas_Subtree_ReturnsTheAreaAndAllDescendantsOnly()
    {
        await SeedAreas();
        var subtree = (await Store.Areas.SubtreeAsync("BD5549", cancellationToken: TestContext.Current.CancellationToken)).Select(a => a.Pcode).ToList();
        Assert.Equal(["BD5549", "BD554909", "BD55490917", "BD55490959"], subtree);
    }

    [Fact]
    public async Task Areas_BoundaryRoundTrips_AndBoundaryOnlyUpdateKeepsNames()
    {
        await SeedAreas();
        var square = new GeometryFactory(new PrecisionModel(), 4326).CreatePolygon(
            [new(89.6, 25.5), new(89.7, 25.5), new(89.7, 25.6), new(89.6, 25.6), new(89.6, 25.5)]);
        await Store.Areas.UpsertAsync([new Area("BD55490917", "", -1, null, square)], AreaUpsertMode.BoundariesOnly, cancellationToken: TestContext.Current.CancellationToken);
        Reopen();
        var area = (await Store.Areas.GetAsync("BD55490917", cancellationToken: TestContext.Current.CancellationToken))!;
        Assert.Equal("Ashtamir Char", area.Name);
        Assert.Equal("BD554909", area.ParentPcode);
        Assert.NotNull(area.Boundary);
        Assert.True(area.Boundary!.EqualsExact(square));
    }

    [Fact]
    public async Task Registry_CommittedHousehold_ReadsBackEqualAfterReopen()
    {
        await SeedAreas();
        var family = Fixtures.ReturneeFamily();
        await ImportAsync(family);
        Reopen();
        // Every field but the personal ones (names and phones leave only through ReadContacts, see PersonalDataContractTests).
        var read = Assert.Single(await Store.Registry.ReadHouseholdsAsync(null, HouseholdFields.Location, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken));
        Assert.True(read.Id > 0);
        Assert.Equal(family with { Id = read.Id, Members = read.Members }, read);
        Assert.Equal(family.Members.Select(m => m with { Name = null, Phone = null }), read.Members);
        Assert.True(read.Members[0].Disability);
        Assert.Equal(read with { Gps = null }, (await Store.Registry.GetHouseholdAsync(family.SubmissionId, cancellationToken: TestContext.Current.CancellationToken))! with { Members = read.Members });
    }

    [Fact]
    public async Task Registry_BatchDisposedWithoutCommit_LeavesNothing()
    {
        await SeedAreas();
        using (var batch = await Store.Registry.BeginImportAsync("test", TestContext.Current.CancellationToken))
            await batch.AddAsync(Fixtures.ReturneeFamily(), TestContext.Current.CancellationToken);
        Assert.Equal(0, await Store.Registry.CountHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(0, await Store.Registry.CountPersonsAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Registry_BatchOutcomes_SeeCommittedAndSameBatchSubmissions()
    {
        await SeedAreas();
        var a = Fixtures.ReturneeFamily();
        await ImportAsync(a);
        using var batch = await Store.Registry.BeginImportAsync("test", TestContext.Current.CancellationToken);
        Assert.Equal(RegistrationOutcome.Duplicate, await batch.AddAsync(a, TestContext.Current.CancellationToken));
        Assert.Equal(RegistrationOutcome.Added, await batch.AddAsync(Fixtures.DisplacedFamily(), TestContext.Current.CancellationToken));
        Assert.Equal(RegistrationOutcome.Duplicate, await batch.AddAsync(Fixtures.DisplacedFamily(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Registry_CountsAndReads_AreLimitedToTheAreaSubtree()
    {
        await SeedAreas();
        await ImportAsync(Fixtures.ReturneeFamily(), Fixtures.DisplacedFamily());
        Assert.Equal(2, await Store.Registry.CountHouseholdsAsync("BD554909", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(1, await Store.Registry.CountHouseholdsAsync("BD55490959", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(0, await Store.Registry.CountHouseholdsAsync("BD5527", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(7, await Store.Registry.CountPersonsAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(3, await Store.Registry.CountPersonsAsync("BD55490959", cancellationToken: TestContext.Current.CancellationToken));
        var ramna = await Store.Registry.ReadHouseholdsAsync("BD55490959", cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal("uuid-idp-1", Assert.Single(ramna).SubmissionId);
        Assert.Equal(3, ramna[0].Members.Count);
    }

    [Fact]
    public async Task Registry_CountPersonsByStatus_CountsEveryStatusIncludingEmigrants()
    {
        await SeedAreas();
        await ImportAsync(Fixtures.ReturneeFamily(), Fixtures.DisplacedFamily());
        var counts = await Store.Registry.CountPersonsByStatusAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, counts[MigratoryStatus.Returnee]);
        Assert.Equal(2, counts[MigratoryStatus.Idp]);
        Assert.Equal(1, counts[MigratoryStatus.Emigrant]);
        Assert.Equal(3, counts[MigratoryStatus.NonMigrant]);
    }

    [Fact]
    public async Task Registry_ReadHouseholds_StreamsEveryHouseholdWithItsOwnMembers()
    {
        await SeedAreas();
        var many = Enumerable.Range(0, 50).Select(i =>
            (i % 2 == 0 ? Fixtures.ReturneeFamily($"r-{i}") : Fixtures.DisplacedFamily($"d-{i}"))).ToArray();
        await ImportAsync(many);
        var read = await Store.Registry.ReadHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(50, read.Count);
        Assert.All(read, h => Assert.Equal(h.SubmissionId.StartsWith('r') ? 4 : 3, h.Members.Count));
    }

    [Fact]
    public async Task Registry_CurrentVersion_ChangesWithEachCommittedImportOnly()
    {
        await SeedAreas();
        var start = await Store.Registry.CurrentVersionAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(start, await Store.Registry.CurrentVersionAsync(cancellationToken: TestContext.Current.CancellationToken));
        await ImportAsync(Fixtures.ReturneeFamily());
        var afterImport = await Store.Registry.CurrentVersionAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(start, afterImport);
        using (var batch = await Store.Registry.BeginImportAsync("rolled back", TestContext.Current.CancellationToken))
            await batch.AddAsync(Fixtures.DisplacedFamily(), TestContext.Current.CancellationToken);
        Assert.Equal(afterImport, await Store.Registry.CurrentVersionAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Registry_CurrentVersion_SeesAnotherConnectionsImport()
    {
        await SeedAreas();
        var before = await Store.Registry.CurrentVersionAsync(cancellationToken: TestContext.Current.CancellationToken);
        // A second handle on the same database stands for another process (e.g. `mosaic import` while a server runs).
        using (var other = ReopenStore())
        {
            await other.Registry.ImportAsync("other process", [Fixtures.DisplacedFamily()], TestContext.Current.CancellationToken);
        }
        Assert.NotEqual(before, await Store.Registry.CurrentVersionAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Registry_CurrentVersion_ChangesWhenTheAreaTreeChangesButNotOnANoOpUpsert()
    {
        await SeedAreas();
        var before = await Store.Registry.CurrentVersionAsync(cancellationToken: TestContext.Current.CancellationToken);
        await Store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(before, await Store.Registry.CurrentVersionAsync(cancellationToken: TestContext.Current.CancellationToken));
        var renamed = Fixtures.Areas.Select(a => a.Pcode == "BD55490917" ? a with { Name = "Renamed" } : a).ToList();
        await Store.Areas.UpsertAsync(renamed, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(before, await Store.Registry.CurrentVersionAsync(cancellationToken: TestContext.Current.CancellationToken));
    }
}
