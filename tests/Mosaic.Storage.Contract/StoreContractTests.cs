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
    public void NewStore_IsMigratedToACurrentSchemaAndEmpty()
    {
        Assert.True(Store.SchemaVersion >= 1);
        Assert.Equal(0, Store.Areas.Count());
        Assert.Equal(0, Store.Registry.CountHouseholds());
    }

    [Fact]
    public void Registry_CountsHouseholdsBySource_AsEachImportNamedIt()
    {
        SeedAreas();
        Import(Fixtures.ReturneeFamily());
        using (var batch = Store.Registry.BeginImport("demo (seed 7)"))
        {
            foreach (var h in new[] { Fixtures.DisplacedFamily("d-1"), Fixtures.DisplacedFamily("d-2") })
                batch.Add(h, HouseholdFingerprint.Compute(h));
            batch.Commit();
        }
        using (var rolledBack = Store.Registry.BeginImport("never committed"))
            rolledBack.Add(Fixtures.DisplacedFamily("d-3"), HouseholdFingerprint.Compute(Fixtures.DisplacedFamily("d-3")));

        var bySource = Store.Registry.CountHouseholdsBySource();

        Assert.Equal(2, bySource.Count);
        Assert.Equal(1, bySource["test"]);
        Assert.Equal(2, bySource["demo (seed 7)"]);
    }

    [Fact]
    public void Areas_UpsertTwice_SecondTimeChangesNothing()
    {
        var first = Store.Areas.Upsert(Fixtures.Areas);
        var second = Store.Areas.Upsert(Fixtures.Areas);
        Assert.Equal(Fixtures.Areas.Count, first.Inserted);
        Assert.Equal(new AreaUpsertResult(0, 0, Fixtures.Areas.Count), second);
    }

    [Fact]
    public void Areas_Subtree_ReturnsTheAreaAndAllDescendantsOnly()
    {
        SeedAreas();
        var subtree = Store.Areas.Subtree("BD5549").Select(a => a.Pcode).ToList();
        Assert.Equal(["BD5549", "BD554909", "BD55490917", "BD55490959"], subtree);
    }

    [Fact]
    public void Areas_BoundaryRoundTrips_AndBoundaryOnlyUpdateKeepsNames()
    {
        SeedAreas();
        var square = new GeometryFactory(new PrecisionModel(), 4326).CreatePolygon(
            [new(89.6, 25.5), new(89.7, 25.5), new(89.7, 25.6), new(89.6, 25.6), new(89.6, 25.5)]);
        Store.Areas.Upsert([new Area("BD55490917", "", -1, null, square)], AreaUpsertMode.BoundariesOnly);
        Reopen();
        var area = Store.Areas.Get("BD55490917")!;
        Assert.Equal("Ashtamir Char", area.Name);
        Assert.Equal("BD554909", area.ParentPcode);
        Assert.NotNull(area.Boundary);
        Assert.True(area.Boundary!.EqualsExact(square));
    }

    [Fact]
    public void Registry_CommittedHousehold_ReadsBackEqualAfterReopen()
    {
        SeedAreas();
        var family = Fixtures.ReturneeFamily();
        Import(family);
        Reopen();
        // Every field but the personal ones (names and phones leave only through ReadContacts, see PersonalDataContractTests).
        var read = Assert.Single(Store.Registry.ReadHouseholds(null, HouseholdFields.Location));
        Assert.True(read.Id > 0);
        Assert.Equal(family with { Id = read.Id, Members = read.Members }, read);
        Assert.Equal(family.Members.Select(m => m with { Name = null, Phone = null }), read.Members);
        Assert.True(read.Members[0].Disability);
        Assert.Equal(read with { Gps = null }, Store.Registry.GetHousehold(family.SubmissionId)! with { Members = read.Members });
    }

    [Fact]
    public void Registry_BatchDisposedWithoutCommit_LeavesNothing()
    {
        SeedAreas();
        using (var batch = Store.Registry.BeginImport("test"))
        {
            var h = Fixtures.ReturneeFamily();
            batch.Add(h, HouseholdFingerprint.Compute(h));
        }
        Assert.Equal(0, Store.Registry.CountHouseholds());
        Assert.Equal(0, Store.Registry.CountPersons());
    }

    [Fact]
    public void Registry_FindFingerprint_SeesCommittedAndSameBatchSubmissions()
    {
        SeedAreas();
        var a = Fixtures.ReturneeFamily();
        Import(a);
        using var batch = Store.Registry.BeginImport("test");
        Assert.Equal(HouseholdFingerprint.Compute(a), batch.FindFingerprint(a.SubmissionId));
        Assert.Null(batch.FindFingerprint("never-seen"));
        var b = Fixtures.DisplacedFamily();
        batch.Add(b, HouseholdFingerprint.Compute(b));
        Assert.Equal(HouseholdFingerprint.Compute(b), batch.FindFingerprint(b.SubmissionId));
    }

    [Fact]
    public void Registry_CountsAndReads_AreLimitedToTheAreaSubtree()
    {
        SeedAreas();
        Import(Fixtures.ReturneeFamily(), Fixtures.DisplacedFamily());
        Assert.Equal(2, Store.Registry.CountHouseholds("BD554909"));
        Assert.Equal(1, Store.Registry.CountHouseholds("BD55490959"));
        Assert.Equal(0, Store.Registry.CountHouseholds("BD5527"));
        Assert.Equal(7, Store.Registry.CountPersons());
        Assert.Equal(3, Store.Registry.CountPersons("BD55490959"));
        var ramna = Store.Registry.ReadHouseholds("BD55490959").ToList();
        Assert.Equal("uuid-idp-1", Assert.Single(ramna).SubmissionId);
        Assert.Equal(3, ramna[0].Members.Count);
    }

    [Fact]
    public void Registry_CountPersonsByStatus_CountsEveryStatusIncludingEmigrants()
    {
        SeedAreas();
        Import(Fixtures.ReturneeFamily(), Fixtures.DisplacedFamily());
        var counts = Store.Registry.CountPersonsByStatus();
        Assert.Equal(1, counts[MigratoryStatus.Returnee]);
        Assert.Equal(2, counts[MigratoryStatus.Idp]);
        Assert.Equal(1, counts[MigratoryStatus.Emigrant]);
        Assert.Equal(3, counts[MigratoryStatus.NonMigrant]);
    }

    [Fact]
    public void Registry_ReadHouseholds_StreamsEveryHouseholdWithItsOwnMembers()
    {
        SeedAreas();
        var many = Enumerable.Range(0, 50).Select(i =>
            (i % 2 == 0 ? Fixtures.ReturneeFamily($"r-{i}") : Fixtures.DisplacedFamily($"d-{i}"))).ToArray();
        Import(many);
        var read = Store.Registry.ReadHouseholds().ToList();
        Assert.Equal(50, read.Count);
        Assert.All(read, h => Assert.Equal(h.SubmissionId.StartsWith('r') ? 4 : 3, h.Members.Count));
    }

    [Fact]
    public void Registry_CurrentVersion_ChangesWithEachCommittedImportOnly()
    {
        SeedAreas();
        var start = Store.Registry.CurrentVersion();
        Assert.Equal(start, Store.Registry.CurrentVersion());
        Import(Fixtures.ReturneeFamily());
        var afterImport = Store.Registry.CurrentVersion();
        Assert.NotEqual(start, afterImport);
        using (var batch = Store.Registry.BeginImport("rolled back"))
        {
            var h = Fixtures.DisplacedFamily();
            batch.Add(h, HouseholdFingerprint.Compute(h));
        }
        Assert.Equal(afterImport, Store.Registry.CurrentVersion());
    }

    [Fact]
    public void Registry_CurrentVersion_SeesAnotherConnectionsImport()
    {
        SeedAreas();
        var before = Store.Registry.CurrentVersion();
        // A second handle on the same database stands for another process (e.g. `mosaic import` while a server runs).
        using (var other = ReopenStore())
        {
            using var batch = other.Registry.BeginImport("other process");
            var h = Fixtures.DisplacedFamily();
            batch.Add(h, HouseholdFingerprint.Compute(h));
            batch.Commit();
        }
        Assert.NotEqual(before, Store.Registry.CurrentVersion());
    }

    [Fact]
    public void Registry_CurrentVersion_ChangesWhenTheAreaTreeChangesButNotOnANoOpUpsert()
    {
        SeedAreas();
        var before = Store.Registry.CurrentVersion();
        Store.Areas.Upsert(Fixtures.Areas);
        Assert.Equal(before, Store.Registry.CurrentVersion());
        var renamed = Fixtures.Areas.Select(a => a.Pcode == "BD55490917" ? a with { Name = "Renamed" } : a).ToList();
        Store.Areas.Upsert(renamed);
        Assert.NotEqual(before, Store.Registry.CurrentVersion());
    }
}
