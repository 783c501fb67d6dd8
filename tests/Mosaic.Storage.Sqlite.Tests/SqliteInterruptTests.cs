using Mosaic.Core.Storage;
using Mosaic.Storage.Contract;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>
/// A cancelled token stops a statement that is running, not only between rows: one long statement (here a count over
/// 10^10 rows, hours of work) ends with <see cref="OperationCanceledException"/>, and the store answers the next call.
/// </summary>
public sealed class SqliteInterruptTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    // The timeout only keeps a broken interrupt from hanging the run; nothing is asserted about time.
    [Fact(Timeout = 300_000)]
    public async Task ACountThatWouldRunForHours_StopsWhenTheTokenIsCancelled_AndTheStoreAnswersTheNextCall()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = SqliteMosaicStore.Open(_dir.File("interrupt.db"));
        await store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: ct);
        await store.Registry.ImportAsync("test", [Fixtures.ReturneeFamily()], ct);
        // Test hook: a temporary view shadows the household table on the store's own connection (SQLite resolves an
        // unqualified name in temp first), so the store's real count statement runs over 10^10 generated rows.
        store.Connection.Execute("""
            CREATE TEMP VIEW household AS
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000000000) SELECT i AS id FROM n
            """);

        using (var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            cancel.CancelAfter(TimeSpan.FromMilliseconds(200));
            var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.Registry.CountHouseholdsAsync(cancellationToken: cancel.Token));
            Assert.IsNotType<StoreException>(ex.InnerException);
        }

        store.Connection.Execute("DROP VIEW temp.household");
        Assert.Equal(1, await store.Registry.CountHouseholdsAsync(cancellationToken: ct));
        Assert.Equal(4, await store.Registry.CountPersonsAsync(cancellationToken: ct));
    }

    [Fact]
    public async Task ACancelledTokenWithNoStatementRunning_LeavesLaterStatementsAlone()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = SqliteMosaicStore.Open(_dir.File("quiet.db"));
        await store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: ct);
        using var cancel = new CancellationTokenSource();
        Assert.Equal(0, await store.Registry.CountHouseholdsAsync(cancellationToken: cancel.Token));
        // Cancelled after the call returned: the registration is gone, the next statement is not interrupted.
        await cancel.CancelAsync();
        await store.Registry.ImportAsync("test", [Fixtures.ReturneeFamily()], ct);
        Assert.Equal(1, await store.Registry.CountHouseholdsAsync(cancellationToken: ct));
    }
}
