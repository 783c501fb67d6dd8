using Mosaic.Cli.Infrastructure;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Infrastructure;

/// <summary>Outputs never land on the database, never replace a file unasked, and never appear half-written.</summary>
public sealed class SafeOutputTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public SafeOutputTests()
    {
        _db = TestDb.At(_dir.File("registry.db"));
        using var store = TestDb.Open(_db);
        store.Areas.UpsertAsync(RandomRegistry.Areas).GetAwaiter().GetResult();
        RandomRegistry.Import(store, 120, seed: 11);
    }

    public void Dispose() => _dir.Dispose();

    private async Task<long> Households()
    {
        using var store = TestDb.Open(_db);
        return await store.Registry.CountHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-wal")]
    [InlineData("-shm")]
    public async Task Tabulate_OutOntoTheDatabaseOrItsCompanionFiles_IsRefusedAndTheDatabaseSurvives(string suffix)
    {
        TestDb.SqliteOnly("an output path onto the database file and its -wal/-shm companions");
        var run = CliRun.Invoke("tabulate", "--db", _db, "-i", "population", "--by", "sex", "--format", "csv", "--out", _db + suffix, "--force");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("is the database", run.Error, StringComparison.Ordinal);
        Assert.Equal(120, (await Households()));
    }

    [Fact]
    public async Task Tabulate_OutOntoTheDatabaseThroughAnotherSpelling_IsRefused()
    {
        TestDb.SqliteOnly("an output path onto the database file and its -wal/-shm companions");
        var sameFile = Path.Combine(_dir.Path, ".", "sub", "..", "registry.db");
        var run = CliRun.Invoke("tabulate", "--db", _db, "-i", "population", "--by", "sex", "--out", sameFile);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(120, (await Households()));
    }

    [Fact]
    public void Tabulate_ExistingOutput_IsKeptWithoutForceAndReplacedWithIt()
    {
        var output = _dir.File("table.csv");
        File.WriteAllText(output, "an older table the officer still needs");

        var refused = CliRun.Invoke("tabulate", "--db", _db, "-i", "population", "--by", "sex", "--format", "csv", "--out", output);
        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Contains("already exists; add --force to replace it", refused.Error, StringComparison.Ordinal);
        Assert.Equal("an older table the officer still needs", File.ReadAllText(output));

        var forced = CliRun.Invoke("tabulate", "--db", _db, "-i", "population", "--by", "sex", "--format", "csv", "--out", output, "--force");
        Assert.Equal(ExitCodes.Success, forced.ExitCode);
        Assert.StartsWith("sex,sex_label,value,suppressed", File.ReadAllText(output), StringComparison.Ordinal);
        Assert.Contains("replaced the existing", forced.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(_dir.Path), f => f.Contains(".partial", StringComparison.Ordinal));
    }

    [Fact]
    public void Target_ExistingContactList_IsNeverReplacedSilently()
    {
        Assert.Equal(0, CliRun.Invoke("score", "--db", _db).ExitCode);
        var list = _dir.File("call-list.csv");
        Assert.Equal(0, CliRun.Invoke("target", "--db", _db, "--count", "10", "--include-contacts", "--out", list).ExitCode);
        var first = File.ReadAllText(list);

        var again = CliRun.Invoke("target", "--db", _db, "--count", "20", "--include-contacts", "--out", list);

        Assert.Equal(ExitCodes.Usage, again.ExitCode);
        Assert.Equal(first, File.ReadAllText(list));
        var audit = CliRun.Invoke("audit", "list", "--db", _db, "--json").Json;
        Assert.Equal(1, audit.GetProperty("entries").GetArrayLength());
    }

    [Fact]
    public void Tabulate_OutIntoAMissingFolder_SaysWhichFolderInPlainWords()
    {
        var run = CliRun.Invoke("tabulate", "--db", _db, "-i", "population", "--by", "sex", "--out", _dir.File("no-such-folder/t.csv"));
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("the folder", run.Error, StringComparison.Ordinal);
        Assert.Contains("does not exist", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Could not find a part of the path", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Tabulate_OutThroughASymlink_ReplacesTheLinkNotItsTarget()
    {
        var victim = _dir.File("victim.txt");
        File.WriteAllText(victim, "precious");
        var link = _dir.File("table.csv");
        File.CreateSymbolicLink(link, victim);

        var run = CliRun.Invoke("tabulate", "--db", _db, "-i", "population", "--by", "sex", "--format", "csv", "--out", link, "--force");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.Null(new FileInfo(link).LinkTarget);
    }
}
