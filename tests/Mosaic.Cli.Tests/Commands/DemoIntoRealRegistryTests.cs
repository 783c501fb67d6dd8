using Mosaic.Cli.Infrastructure;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Commands;

/// <summary>The demo never mixes synthetic households into a registry holding imported ones unless told to.</summary>
public sealed class DemoIntoRealRegistryTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<string> RealRegistry()
    {
        var db = TestDb.At(_dir.File("upazila.db"));
        using var store = TestDb.Open(db);
        await store.Areas.UpsertAsync(RandomRegistry.Areas, cancellationToken: TestContext.Current.CancellationToken);
        RandomRegistry.Import(store, 40, seed: 5);
        return db;
    }

    private static async Task<long> Households(string db)
    {
        using var store = TestDb.Open(db);
        return await store.Registry.CountHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Demo_IntoARegistryWithImportedHouseholds_IsRefusedAndAddsNothing()
    {
        var db = await RealRegistry();

        var run = CliRun.Invoke("demo", "--households", "30", "--no-serve", "--db", db);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("40 household(s) that the demo did not write", run.Error, StringComparison.Ordinal);
        Assert.Contains("--add-to-existing", run.Error, StringComparison.Ordinal);
        Assert.Equal(40, (await Households(db)));
    }

    [Fact]
    public async Task Demo_WithAddToExisting_WritesIntoTheRegistry()
    {
        var db = await RealRegistry();
        var run = CliRun.Invoke("demo", "--households", "30", "--no-serve", "--db", db, "--add-to-existing");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(70, (await Households(db)));
    }

    [Fact]
    public async Task Demo_RunAgainOnItsOwnDatabase_IsAccepted()
    {
        var db = TestDb.At(_dir.File("demo.db"));
        Assert.Equal(ExitCodes.Success, CliRun.Invoke("demo", "--households", "30", "--no-serve", "--db", db).ExitCode);
        Assert.Equal(ExitCodes.Success, CliRun.Invoke("demo", "--households", "40", "--no-serve", "--db", db).ExitCode);
        Assert.Equal(40, (await Households(db)));
    }
}
