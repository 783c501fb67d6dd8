using Mosaic.Cli.Infrastructure;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Import;

/// <summary>
/// Where an import's report goes: an errors file only when rows were rejected, a warnings file when the import only
/// warned, nothing (and no stale report) when it was clean, or the file named by <c>--errors</c>.
/// </summary>
public sealed class ImportReportTests : IDisposable
{
    private const string Header = "file,sheet,row,column,value,reason";
    private const string Areas = "Location,Admin Level,P-Code,Name,Parent P-Code\nBGD,0,BGD,Bangladesh,\nBGD,1,BD55,Rangpur,BGD\n";

    private readonly TempDirectory _dir = new();
    private readonly string _db;
    private readonly string _input;

    public ImportReportTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        _input = _dir.File("areas.csv");
        File.WriteAllText(_input, Areas);
        Assert.Equal(ExitCodes.Success, Import().ExitCode);
    }

    public void Dispose() => _dir.Dispose();

    private string ErrorsFile => _input + ".errors.csv";

    private string WarningsFile => _input + ".warnings.csv";

    private CliRun Import(params string[] extra) => CliRun.Invoke(["import", "areas", _input, "--db", _db, "--json", .. extra]);

    private async Task<long> StoredAreas()
    {
        using var store = TestDb.Open(_db);
        return await store.Areas.CountAsync(cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task WarningsOnly_GoToAWarningsFile_AndRejectedRowsToAnErrorsFileWithTheWarningsAfterThem()
    {
        File.WriteAllText(_input, Areas.Replace("Rangpur", "Rangpur Division", StringComparison.Ordinal));

        var warned = Import();

        Assert.Equal(ExitCodes.Success, warned.ExitCode);
        Assert.False(File.Exists(ErrorsFile));
        Assert.Equal(WarningsFile, warned.Json.GetProperty("warnings_file").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, warned.Json.GetProperty("errors_file").ValueKind);
        var warnings = File.ReadAllLines(WarningsFile);
        Assert.Equal(Header, warnings[0]);
        Assert.StartsWith("areas.csv,,3,", warnings[1], StringComparison.Ordinal);
        Assert.Contains("warning: BD55 renamed from 'Rangpur' to 'Rangpur Division'", warnings[1], StringComparison.Ordinal);
        Assert.Equal(2, warnings.Length);

        // The same rename again (back) plus a row without a P-code: rejected, so an errors file, errors first.
        File.WriteAllText(_input, Areas + "BGD,2,,Kurigram,BD55\n");
        var rejected = Import("--skip-invalid");

        Assert.Equal(ExitCodes.Success, rejected.ExitCode);
        Assert.False(File.Exists(WarningsFile), "the warnings file of the earlier import no longer describes the file");
        Assert.Equal(ErrorsFile, rejected.Json.GetProperty("errors_file").GetString());
        var errors = File.ReadAllLines(ErrorsFile);
        Assert.Equal(Header, errors[0]);
        Assert.StartsWith("areas.csv,,4,", errors[1], StringComparison.Ordinal);
        Assert.DoesNotContain("warning:", errors[1], StringComparison.Ordinal);
        Assert.Contains("warning: BD55 renamed from 'Rangpur Division' to 'Rangpur'", errors[2], StringComparison.Ordinal);

        // Clean at last: no report of either kind is left beside the input.
        File.WriteAllText(_input, Areas);
        var clean = Import();
        Assert.Equal(ExitCodes.Success, clean.ExitCode);
        Assert.False(File.Exists(ErrorsFile));
        Assert.False(File.Exists(WarningsFile));
    }

    [Fact]
    public async Task ErrorsOption_WritesTheReportThere_AndNothingBesideTheInput()
    {
        var report = _dir.File("reports-report.csv");
        File.WriteAllText(_input, Areas + "BGD,two,BD5549,Kurigram,BD55\n");

        var run = Import("--errors", report);

        Assert.Equal(ExitCodes.InputRejected, run.ExitCode);
        Assert.Equal(report, run.Json.GetProperty("errors_file").GetString());
        Assert.False(File.Exists(ErrorsFile));
        var lines = File.ReadAllLines(report);
        Assert.Equal(Header, lines[0]);
        Assert.Single(lines, l => l.StartsWith("areas.csv,,4,", StringComparison.Ordinal));
        Assert.Contains($"written to {report}", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await StoredAreas())); // the file was rejected whole

        // A clean import still writes the named report: the header alone says nothing was wrong.
        File.WriteAllText(_input, Areas);
        Assert.Equal(ExitCodes.Success, Import("--errors", report).ExitCode);
        Assert.Equal([Header], File.ReadAllLines(report));
    }

    [Theory]
    [InlineData("input")]
    [InlineData("database")]
    public async Task ErrorsOption_NamingTheInputOrTheDatabase_IsRefusedBeforeAnythingIsImported(string which)
    {
        if (which == "database")
            TestDb.SqliteOnly("an errors file named onto the database file");
        var changed = Areas + "BGD,2,BD5549,Kurigram,BD55\n";
        File.WriteAllText(_input, changed);
        var dbBytes = TestDb.UsesPostgres ? null : File.ReadAllBytes(_db);

        var run = Import("--errors", which == "input" ? _input : _db);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--errors", run.Json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(changed, File.ReadAllText(_input));
        if (dbBytes is not null)
            Assert.Equal(dbBytes, File.ReadAllBytes(_db));
        Assert.Equal(2, (await StoredAreas()));
    }
}
