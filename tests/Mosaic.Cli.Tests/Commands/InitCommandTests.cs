using Mosaic.Cli.Infrastructure;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Commands;

public sealed class InitCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Init_CreatesTheDatabaseFileAndReportsTheSchemaVersion()
    {
        var db = TestDb.At(_dir.File("sub/new.db"));
        var run = CliRun.Invoke("init", "--db", db, "--json");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.True(TestDb.Exists(db));
        Assert.True(run.Json.GetProperty("schema_version").GetInt32() >= 1);
    }

    [Fact]
    public void Init_PostgresConnectionString_IsRefusedClearly()
    {
        var run = CliRun.Invoke("init", "--db", "Host=localhost;Database=mosaic");
        Assert.Equal(ExitCodes.DatabaseUnavailable, run.ExitCode);
        Assert.Contains("PostgreSQL", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("init")]
    [InlineData("audit", "list")]
    [InlineData("tabulate", "--indicator", "population")]
    public void AnyCommand_OnADatabaseFromANewerMosaic_SaysSoWithExitCode4(params string[] command)
    {
        var db = TestDb.At(_dir.File("newer.db"));
        Assert.Equal(ExitCodes.Success, CliRun.Invoke("init", "--db", db).ExitCode);
        TestDb.Execute(db, TestDb.UsesPostgres ? "INSERT INTO mosaic_schema (version, name) VALUES (999, 'future')" : "PRAGMA user_version = 999");
        var run = CliRun.Invoke([.. command, "--db", db]);
        Assert.Equal(ExitCodes.DatabaseUnavailable, run.ExitCode);
        Assert.Contains("schema version 999, newer than this Mosaic", run.Error, StringComparison.Ordinal);
        Assert.Contains("upgrade Mosaic", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnyCommand_OnAFileThatIsNotADatabase_FailsWithExitCode4AndNoStackTrace()
    {
        TestDb.SqliteOnly("the bytes of a file that is not an SQLite database");
        var db = TestDb.At(_dir.File("notes.db"));
        File.WriteAllText(db, new string('x', 4096));
        var run = CliRun.Invoke("audit", "list", "--db", db);
        Assert.Equal(ExitCodes.DatabaseUnavailable, run.ExitCode);
        Assert.Contains("not a Mosaic database", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownOption_IsAUsageError()
    {
        var result = MosaicCli.Build().Parse(["init", "--no-such-option"]);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public void Help_ListsCommandsByTheirFirstLineAndShowsExamplesOnTheCommandsOwnHelp()
    {
        var root = CliRun.Invoke("--help");
        Assert.Equal(ExitCodes.Success, root.ExitCode);
        Assert.Contains("init", root.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Examples:", root.Out, StringComparison.Ordinal);
        var init = CliRun.Invoke("init", "--help");
        Assert.Contains("Examples:", init.Out, StringComparison.Ordinal);
        Assert.Contains("--db", init.Out, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
