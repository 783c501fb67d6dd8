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
    public async Task AuditLog_NewStore_IsEmpty() => Assert.Empty(await Store.AuditLog.ReadAsync(cancellationToken: TestContext.Current.CancellationToken));

    [Fact]
    public async Task AuditLog_Append_ReadsBackEveryFieldWithTimeInUtc()
    {
        var id = await Store.AuditLog.AppendAsync(Entry(1), cancellationToken: TestContext.Current.CancellationToken);
        var read = Assert.Single(await Store.AuditLog.ReadAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(Entry(1) with { Id = id, At = new DateTimeOffset(2026, 3, 1, 4, 1, 0, TimeSpan.Zero) }, read);
        Assert.Equal(TimeSpan.Zero, read.At.Offset);
    }

    [Fact]
    public async Task AuditLog_Read_IsNewestFirstAndHonoursTheLimit()
    {
        var ids = new List<long>();
        for (var n = 1; n <= 4; n++)
            ids.Add(await Store.AuditLog.AppendAsync(Entry(n, n % 2 == 0 ? null : "BD554909"), TestContext.Current.CancellationToken));
        Assert.Equal(ids.AsEnumerable().Reverse(), (await Store.AuditLog.ReadAsync(cancellationToken: TestContext.Current.CancellationToken)).Select(e => e.Id));
        Assert.Equal(["officer4", "officer3"], (await Store.AuditLog.ReadAsync(2, cancellationToken: TestContext.Current.CancellationToken)).Select(e => e.Actor));
        Assert.Null((await Store.AuditLog.ReadAsync(1, cancellationToken: TestContext.Current.CancellationToken))[0].Scope);
    }

    [Fact]
    public async Task AuditLog_SurvivesReopen()
    {
        await Store.AuditLog.AppendAsync(Entry(1), cancellationToken: TestContext.Current.CancellationToken);
        Reopen();
        Assert.Equal("/data/targets-1.csv", Assert.Single(await Store.AuditLog.ReadAsync(cancellationToken: TestContext.Current.CancellationToken)).Subject);
    }

    [Fact]
    public async Task AuditLog_AppendedEntries_VerifyAsIntact_AndTheHeadIsTheNewestEntrysHash()
    {
        Assert.True((await AuditVerifier.VerifyAsync(Store.AuditLog, cancellationToken: TestContext.Current.CancellationToken)).Intact);
        for (var n = 1; n <= 3; n++)
            await Store.AuditLog.AppendAsync(Entry(n), cancellationToken: TestContext.Current.CancellationToken);
        Reopen();
        var chain = await Store.AuditLog.ReadChainAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([1L, 2L, 3L], chain.Select(c => c.Entry.Id));
        Assert.All(chain, c => Assert.Equal(32, c.Hash!.Length));
        Assert.Equal(3, chain.Select(c => Convert.ToHexString(c.Hash!)).Distinct().Count());
        var result = await AuditVerifier.VerifyAsync(Store.AuditLog, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.Intact, string.Join("; ", result.Problems));
        Assert.Equal(3, result.Entries);
        Assert.Equal(Convert.ToHexStringLower(chain[^1].Hash!), result.HeadHash);
        Assert.Empty((await Store.AuditLog.ReadGuardsAsync(cancellationToken: TestContext.Current.CancellationToken)).MissingGuards);
    }

    [Fact]
    public async Task AuditLog_AppendsFromTwoUnitsOfWork_FormOneUnbrokenChain()
    {
        using var other = ReopenStore();
        for (var n = 1; n <= 6; n++)
            await (n % 2 == 0 ? other : Store).AuditLog.AppendAsync(Entry(n), TestContext.Current.CancellationToken);
        var result = await AuditVerifier.VerifyAsync(Store.AuditLog, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.Intact, string.Join("; ", result.Problems));
        Assert.Equal(6, result.Entries);
    }
}
