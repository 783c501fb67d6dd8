using Microsoft.Data.Sqlite;
using Mosaic.Cli.Infrastructure;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Infrastructure;

/// <summary>A command that meets another writer waits for it, says so, and then does its work.</summary>
public sealed class WritersWaitTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Import_WhileAnotherWriterHoldsTheDatabase_WaitsVisiblyThenImports()
    {
        TestDb.SqliteOnly("SQLite's one-writer lock of the file (PostgreSQL writers run side by side: Mosaic.Storage.Postgres.Tests/Concurrency)");
        var db = TestDb.At(_dir.File("shared.db"));
        Assert.Equal(0, CliRun.Invoke("init", "--db", db).ExitCode);
        var token = TestContext.Current.CancellationToken;

        // Another writer (as a second import would) holds the write lock until the waiting message is seen.
        using var other = new SqliteConnection($"Data Source={db};Pooling=False");
        other.Open();
        using var hold = other.BeginTransaction();
        using (var write = other.CreateCommand())
        {
            write.Transaction = hold;
            write.CommandText = "CREATE TABLE held_by_the_test (x INTEGER)";
            write.ExecuteNonQuery();
        }

        using var child = MosaicProcess.Start("import", "areas", TestData.GlobalPcodes, "--db", db);
        var stdout = child.StandardOutput.ReadToEndAsync(token);
        var waiting = await child.StandardError.ReadLineAsync(token);
        Assert.NotNull(waiting);
        Assert.Contains("waiting: another command is writing to", waiting, StringComparison.Ordinal);
        Assert.False(child.HasExited);

        hold.Rollback();
        await child.WaitForExitAsync(token);

        Assert.Equal(ExitCodes.Success, child.ExitCode);
        Assert.Contains("areas:", await stdout, StringComparison.Ordinal);
        using var store = TestDb.Open(db);
        Assert.True((await store.Areas.CountAsync(cancellationToken: TestContext.Current.CancellationToken)) > 1000);
    }
}
