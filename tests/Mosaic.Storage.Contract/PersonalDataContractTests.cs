using Mosaic.Core.Access;
using Mosaic.Core.Audit;
using Mosaic.Core.Privacy;
using Mosaic.Core.Registry;

namespace Mosaic.Storage.Contract;

/// <summary>
/// Personal data behind one door (DESIGN §7), for every provider: household reads carry no name, phone or GPS point;
/// contacts come only from <see cref="Core.Storage.IRegistryStore.ReadContactsAsync"/>, for allowed roles, within the
/// actor's area scope, with exactly one audit entry committed with them.
/// </summary>
public abstract class PersonalDataContractTests(IStoreProvider provider) : ContractTestBase(provider)
{
    private static readonly Actor s_manager = new("officer.rahman", Role.Manager, null);

    /// <summary>The fixtures with names and phones on every member (the hand-made fixtures have names only).</summary>
    private static Household WithPhones(Household h) =>
        h with { Members = [.. h.Members.Select(m => m with { Phone = $"+8801711{h.SubmissionId.Length:00}{m.LineNumber:0000}" })] };

    private async Task<(Household Returnee, Household Displaced)> SeedFamilies()
    {
        await SeedAreas();
        var returnee = WithPhones(Fixtures.ReturneeFamily());
        var displaced = WithPhones(Fixtures.DisplacedFamily()) with { Gps = new GeoPoint(25.56, 89.68, null, null) };
        await ImportAsync(returnee, displaced);
        return (returnee, displaced);
    }

    private async Task<long> IdOf(string submissionId) => (await Store.Registry.GetHouseholdAsync(submissionId, cancellationToken: TestContext.Current.CancellationToken))!.Id;

    private static ContactRequest Request(Actor actor, params long[] ids) =>
        new(actor, AuditActions.TargetExportContacts, "/exports/targets.csv", ids, "mosaic target --include-contacts");

    [Fact]
    public async Task HouseholdReads_CarryNoNameNoPhoneAndNoGpsPoint()
    {
        var (returnee, _) = await SeedFamilies();
        Assert.NotNull(returnee.Members[0].Name);
        Assert.NotNull(returnee.Gps);
        Reopen();
        var reads = (await Store.Registry.ReadHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken))
            .Concat(await Store.Registry.ReadHouseholdsAsync("BD554909", cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken))
            .Append((await Store.Registry.GetHouseholdAsync(returnee.SubmissionId, cancellationToken: TestContext.Current.CancellationToken))!).ToList();
        Assert.Equal(5, reads.Count);
        Assert.All(reads, h => Assert.Null(h.Gps));
        Assert.All(reads.SelectMany(h => h.Members), m =>
        {
            Assert.Null(m.Name);
            Assert.Null(m.Phone);
        });
    }

    [Fact]
    public async Task HouseholdRead_ForLocation_HasTheGpsPointButStillNoNameOrPhone()
    {
        var (returnee, displaced) = await SeedFamilies();
        var read = (await Store.Registry.ReadHouseholdsAsync(null, HouseholdFields.Location, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken)).ToDictionary(h => h.SubmissionId);
        Assert.Equal(returnee.Gps, read[returnee.SubmissionId].Gps);
        Assert.Equal(displaced.Gps, read[displaced.SubmissionId].Gps);
        Assert.All(read.Values.SelectMany(h => h.Members), m => Assert.True(m.Name is null && m.Phone is null));
    }

    [Fact]
    public async Task ReadContacts_ReturnsTheHeadsNameAndPhone_AndWritesExactlyOneAuditEntry()
    {
        var (returnee, displaced) = await SeedFamilies();
        var read = await Store.Registry.ReadContactsAsync(Request(s_manager, (await IdOf(returnee.SubmissionId)), (await IdOf(displaced.SubmissionId))), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Member 1", read.Contacts[(await IdOf(returnee.SubmissionId))].Name);
        Assert.Equal(returnee.Members[0].Phone, read.Contacts[(await IdOf(returnee.SubmissionId))].Phone);
        Assert.Equal(displaced.Members[0].Phone, read.Contacts[(await IdOf(displaced.SubmissionId))].Phone);
        // Each head carries both name and phone: one person per household.
        Assert.Equal((2, 2), (read.Households, read.Persons));

        Reopen();
        var entry = Assert.Single(await Store.AuditLog.ReadAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(read.AuditEntryId, entry.Id);
        Assert.Equal("officer.rahman", entry.Actor);
        Assert.Equal("manager", entry.Role);
        Assert.Equal(AuditActions.TargetExportContacts, entry.Action);
        Assert.Equal("/exports/targets.csv", entry.Subject);
        Assert.Null(entry.Scope);
        Assert.Equal((2, 2), (entry.Households, entry.Persons));
        Assert.Equal("mosaic target --include-contacts", entry.CommandLine);
    }

    [Fact]
    public async Task ReadContacts_WithoutAHeadsPhone_FallsBackToTheFirstMemberWithOne_AndCountsBothPersons()
    {
        await SeedAreas();
        var family = Fixtures.ReturneeFamily();
        family = family with { Members = [.. family.Members.Select(m => m.LineNumber == 3 ? m with { Phone = "+8801999000003" } : m)] };
        await ImportAsync(family);
        var read = await Store.Registry.ReadContactsAsync(Request(s_manager, (await IdOf(family.SubmissionId))), cancellationToken: TestContext.Current.CancellationToken);
        var contact = Assert.Single(read.Contacts).Value;
        Assert.Equal(("Member 1", "+8801999000003", 2), (contact.Name, contact.Phone, contact.Persons));
        Assert.Equal(2, Assert.Single(await Store.AuditLog.ReadAsync(cancellationToken: TestContext.Current.CancellationToken)).Persons);
    }

    [Fact]
    public async Task ReadContacts_OutsideTheActorsAreaScope_ReturnsNothingAndCountsNothing()
    {
        var (returnee, displaced) = await SeedFamilies();
        var ramnaOfficer = new Actor("officer.ramna", Role.Manager, "BD55490959");
        var read = await Store.Registry.ReadContactsAsync(Request(ramnaOfficer, (await IdOf(returnee.SubmissionId)), (await IdOf(displaced.SubmissionId))), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([(await IdOf(displaced.SubmissionId))], read.Contacts.Keys);
        var entry = Assert.Single(await Store.AuditLog.ReadAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(("BD55490959", 1, 1), (entry.Scope, entry.Households, entry.Persons));
    }

    [Theory]
    [InlineData(Role.Analyst)]
    [InlineData(Role.Enumerator)]
    [InlineData(Role.Viewer)]
    public async Task ReadContacts_ForARoleThatNeverReadsPersonalData_IsDeniedAndLogsNothing(Role role)
    {
        var (returnee, _) = await SeedFamilies();
        var id = await IdOf(returnee.SubmissionId);
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(async () =>
            await Store.Registry.ReadContactsAsync(Request(new Actor("someone", role, null), id), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("may not read personal data", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await Store.AuditLog.ReadAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ReadHouseholds_WithAnAccessScope_ReturnsExactlyThatSubtreeOfARandomRegistry()
    {
        await Store.Areas.UpsertAsync(RandomRegistry.Areas, cancellationToken: TestContext.Current.CancellationToken);
        RandomRegistry.Import(Store, 300, seed: 8);
        // Oracle: the generated households whose P-code nests under the scope's (COD P-codes extend their parent's).
        var expected = RandomRegistry.Households(300, seed: 8).Where(h => h.AreaPcode.StartsWith("BD55490917", StringComparison.Ordinal))
            .Select(h => h.SubmissionId).Order(StringComparer.Ordinal).ToList();
        var read = (await Store.Registry.ReadHouseholdsAsync("BD55490917", cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken))
            .Select(h => h.SubmissionId).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, read);
        Assert.Empty((await Store.Registry.ReadHouseholdsAsync("BD55490959001", cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken))
            .Where(h => !h.AreaPcode.StartsWith("BD55490959001", StringComparison.Ordinal)));
    }
}
