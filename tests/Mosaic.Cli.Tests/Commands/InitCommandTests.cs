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

    public void Dispose() => _dir.Dispose();
}
