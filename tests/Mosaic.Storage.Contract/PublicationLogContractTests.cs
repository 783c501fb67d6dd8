using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;

namespace Mosaic.Storage.Contract;

/// <summary>
/// The publication log every provider keeps (issue 15): tables come back as logged, oldest first, in UTC, from another
/// unit of work; one call logs all its tables or none. A provider's test project derives from this class.
/// </summary>
public abstract class PublicationLogContractTests(IStoreProvider provider) : ContractTestBase(provider)
{
    protected static readonly LoggedTable[] Tables =
    [
        new(new DateTimeOffset(2026, 11, 30, 9, 15, 0, TimeSpan.FromHours(6)), "population", """{"indicator":"population","by":["village","sex"]}""", "[[12,null],null,[40,null]]"),
        new(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero), "returnees", """{"indicator":"returnees","by":["sex"]}""", "[null,[7,null]]"),
        new(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero), "population", """{"indicator":"population","by":["sex"],"age_bands":"0-79,80+"}""", "[[5,null],[9,null]]"),
    ];

    protected IPublicationLog Log => PublicationLogs.Of(Store);

    [Fact]
    public async Task PublicationLog_NewStore_IsEmpty() => Assert.Empty(await Log.ReadPublicationsAsync(TestContext.Current.CancellationToken));

    [Fact]
    public async Task PublicationLog_TablesReadBackAsLogged_OldestFirst_InUtc_AfterReopening()
    {
        await Log.LogPublicationsAsync([Tables[0]], TestContext.Current.CancellationToken);
        await Log.LogPublicationsAsync([Tables[1], Tables[2]], TestContext.Current.CancellationToken);
        Reopen();
        var read = await Log.ReadPublicationsAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, read.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 3, 15, 0, TimeSpan.Zero), read[0].PublishedAt);
        Assert.All(read, t => Assert.Equal(TimeSpan.Zero, t.PublishedAt.Offset));
        for (var i = 0; i < Tables.Length; i++)
            Assert.Equal(Tables[i] with { PublishedAt = Tables[i].PublishedAt.ToUniversalTime() }, read[i]);
    }

    [Fact]
    public async Task PublicationLog_ACancelledCall_LogsNoneOfItsTables()
    {
        await Log.LogPublicationsAsync([Tables[0]], TestContext.Current.CancellationToken);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Log.LogPublicationsAsync([Tables[1], Tables[2]], cancelled.Token));
        Assert.Equal(["population"], (await Log.ReadPublicationsAsync(TestContext.Current.CancellationToken)).Select(t => t.Indicator));
    }
}
