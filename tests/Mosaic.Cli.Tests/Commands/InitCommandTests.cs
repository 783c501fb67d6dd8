using Mosaic.Cli.Infrastructure;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Commands;

public sealed class InitCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Init_CreatesTheDatabaseFileAndReportsTheSchemaVersion()
    {
        var db = _dir.File("sub/new.db");
        var run = CliRun.Invoke("init", "--db", db, "--json");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.True(File.Exists(db));
        Assert.True(run.Json.GetProperty("schema_version").GetInt32() >= 1);
    }

    [Fact]
    public void Init_PostgresConnectionString_IsRefusedClearly()
    {
        var run = CliRun.Invoke("init", "--db", "Host=localhost;Database=mosaic");
        Assert.Equal(ExitCodes.DatabaseUnavailable, run.ExitCode);
        Assert.Contains("PostgreSQL", run.Error, StringComparison.Ordinal);
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
