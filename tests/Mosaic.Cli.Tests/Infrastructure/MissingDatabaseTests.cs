using Mosaic.Cli.Infrastructure;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Infrastructure;

/// <summary>
/// A mistyped --db never reads as an empty registry: commands that read refuse a database that does not exist,
/// and only init, demo and the imports create one.
/// </summary>
public sealed class MissingDatabaseTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string[]> ReadCommands() => new()
    {
        new[] { "tabulate", "-i", "population", "--by", "sex" },
        new[] { "target", "--count", "10", "--out", "t.csv" },
        new[] { "score" },
        new[] { "mobility", "summary" },
        new[] { "export", "dtm" },
        new[] { "audit", "list" },
        new[] { "privacy", "kanon", "--quasi", "sex" },
    };

    [Theory]
    [MemberData(nameof(ReadCommands))]
    public void ReadCommand_OnAMissingDatabase_ExitsFourAndCreatesNothing(string[] command)
    {
        var db = TestDb.At(_dir.File("typo/mosiac.db"));

        var run = CliRun.Invoke([.. command, "--db", db]);

        Assert.Equal(ExitCodes.DatabaseUnavailable, run.ExitCode);
        Assert.Contains($"no database at {TestDb.Describe(db)}: create one with `mosaic init` or `mosaic demo`", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.File("typo")));
        Assert.False(TestDb.Exists(db));
        Assert.Empty(run.Out);
    }

    [Fact]
    public void Init_CreatesTheDatabaseThatReadCommandsThenAccept()
    {
        var db = TestDb.At(_dir.File("new.db"));
        Assert.Equal(ExitCodes.Success, CliRun.Invoke("init", "--db", db).ExitCode);
        Assert.Equal(ExitCodes.Success, CliRun.Invoke("audit", "list", "--db", db).ExitCode);
    }

    [Fact]
    public async Task ImportAreas_CreatesTheDatabaseItImportsInto()
    {
        var db = TestDb.At(_dir.File("areas.db"));
        var run = CliRun.Invoke("import", "areas", TestData.GlobalPcodes, "--db", db);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var store = TestDb.Open(db);
        Assert.True((await store.Areas.CountAsync(cancellationToken: TestContext.Current.CancellationToken)) > 0);
    }

    [Fact]
    public void Tabulate_OnAnEmptyRegistry_SaysWhatToImportFirst()
    {
        var db = TestDb.At(_dir.File("empty.db"));
        Assert.Equal(ExitCodes.Success, CliRun.Invoke("init", "--db", db).ExitCode);

        var run = CliRun.Invoke("tabulate", "-i", "population", "--by", "sex", "--db", db);

        Assert.Equal(ExitCodes.InputRejected, run.ExitCode);
        Assert.Contains("holds no households yet", run.Error, StringComparison.Ordinal);
        Assert.Contains("mosaic import registrations", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Total", run.Out, StringComparison.Ordinal);
    }
}
