using Mosaic.Core.Audit;

namespace Mosaic.Storage.Contract;

/// <summary>
/// The audit log every provider must keep: entries come back exactly as appended, newest first, and
/// survive reopening. A provider's test project derives from this class.
/// </summary>
public abstract class AuditLogContractTests(IStoreProvider provider) : ContractTestBase(provider)
{
    private static AuditEntry Entry(int n, string? scope = "BD554909") => new(
        new DateTimeOffset(2026, 3, 1, 10, n, 0, TimeSpan.FromHours(6)), "officer" + n, AuditActions.TargetExportContacts,
        $"/data/targets-{n}.csv", scope, 10 * n, 11 * n, $"mosaic target --count {n} --include-contacts");

    [Fact]
    public void AuditLog_NewStore_IsEmpty() => Assert.Empty(Store.AuditLog.Read());

    [Fact]
    public void AuditLog_Append_ReadsBackEveryFieldWithTimeInUtc()
    {
        var id = Store.AuditLog.Append(Entry(1));
        var read = Assert.Single(Store.AuditLog.Read());
        Assert.Equal(Entry(1) with { Id = id, At = new DateTimeOffset(2026, 3, 1, 4, 1, 0, TimeSpan.Zero) }, read);
        Assert.Equal(TimeSpan.Zero, read.At.Offset);
    }

    [Fact]
    public void AuditLog_Read_IsNewestFirstAndHonoursTheLimit()
    {
        var ids = Enumerable.Range(1, 4).Select(n => Store.AuditLog.Append(Entry(n, n % 2 == 0 ? null : "BD554909"))).ToList();
        Assert.Equal(ids.AsEnumerable().Reverse(), Store.AuditLog.Read().Select(e => e.Id));
        Assert.Equal(["officer4", "officer3"], Store.AuditLog.Read(2).Select(e => e.Actor));
        Assert.Null(Store.AuditLog.Read(1)[0].Scope);
    }

    [Fact]
    public void AuditLog_SurvivesReopen()
    {
        Store.AuditLog.Append(Entry(1));
        Reopen();
        Assert.Equal("/data/targets-1.csv", Assert.Single(Store.AuditLog.Read()).Subject);
    }

    [Fact]
    public void AuditLog_AppendedEntries_VerifyAsIntact_AndTheHeadIsTheNewestEntrysHash()
    {
        Assert.True(AuditVerifier.Verify(Store.AuditLog).Intact);
        for (var n = 1; n <= 3; n++)
            Store.AuditLog.Append(Entry(n));
        Reopen();
        var chain = Store.AuditLog.ReadChain();
        Assert.Equal([1L, 2L, 3L], chain.Select(c => c.Entry.Id));
        Assert.All(chain, c => Assert.Equal(32, c.Hash!.Length));
        Assert.Equal(3, chain.Select(c => Convert.ToHexString(c.Hash!)).Distinct().Count());
        var result = AuditVerifier.Verify(Store.AuditLog);
        Assert.True(result.Intact, string.Join("; ", result.Problems));
        Assert.Equal(3, result.Entries);
        Assert.Equal(Convert.ToHexStringLower(chain[^1].Hash!), result.HeadHash);
        Assert.Empty(Store.AuditLog.ReadGuards().MissingGuards);
    }

    [Fact]
    public void AuditLog_AppendsFromTwoUnitsOfWork_FormOneUnbrokenChain()
    {
        using var other = ReopenStore();
        for (var n = 1; n <= 6; n++)
            (n % 2 == 0 ? other : Store).AuditLog.Append(Entry(n));
        var result = AuditVerifier.Verify(Store.AuditLog);
        Assert.True(result.Intact, string.Join("; ", result.Problems));
        Assert.Equal(6, result.Entries);
    }
}
