using Mosaic.Cli.Infrastructure;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Import;

/// <summary>The errors file of an import: never written through a planted link, never silently lost.</summary>
public sealed class ErrorsFileSafetyTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _db;
    private readonly string _households;
    private readonly string _members;

    public ErrorsFileSafetyTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        using (var store = TestDb.Open(_db))
            store.Areas.UpsertAsync(Fixtures.Areas).GetAwaiter().GetResult();
        _households = _dir.File("bad-households.csv");
        _members = _dir.File("bad-members.csv");
        File.Copy(TestData.Path("registrations", "bad-households.csv"), _households);
        File.Copy(TestData.Path("registrations", "bad-members.csv"), _members);
    }

    public void Dispose() => _dir.Dispose();

    private CliRun Import(params string[] extra) =>
        CliRun.Invoke(["import", "registrations", _households, "--members", _members, "--db", _db, .. extra]);

    private async Task<long> Households()
    {
        using var store = TestDb.Open(_db);
        return await store.Registry.CountHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task PlantedSymlink_IsReplacedByTheReport_AndItsTargetIsUntouched()
    {
        var victim = _dir.File("precious.txt");
        File.WriteAllText(victim, "keep me");
        var errors = _households + ".errors.csv";
        File.CreateSymbolicLink(errors, victim);

        var run = Import();

        Assert.Equal(ExitCodes.InputRejected, run.ExitCode);
        Assert.Equal("keep me", File.ReadAllText(victim));
        Assert.Null(new FileInfo(errors).LinkTarget);
        Assert.StartsWith("file,sheet,row,column,value,reason\n", File.ReadAllText(errors), StringComparison.Ordinal);
        Assert.Contains("bad-members.csv,,4,age,250,", File.ReadAllText(errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportThatCannotBeWritten_GoesToStderrInFull_AndTheExitCodeIsTheImports()
    {
        // A folder where the report should go: the report cannot be written (as a read-only folder would, even for root).
        Directory.CreateDirectory(_households + ".errors.csv");

        var skip = Import("--skip-invalid");

        Assert.Equal(ExitCodes.Success, skip.ExitCode); // committed: the valid households are stored, and it says so
        Assert.Equal(2, (await Households()));
        Assert.Contains("error: bad-households.csv.errors.csv is a folder", skip.Error.Replace(_dir.Path + Path.DirectorySeparatorChar, ""), StringComparison.Ordinal);
        Assert.Contains("the full report follows on stderr", skip.Error, StringComparison.Ordinal);
        var report = skip.Error[skip.Error.IndexOf("file,sheet,row,column,value,reason", StringComparison.Ordinal)..];
        foreach (var expected in new[] { "bad-households.csv,,3,dwelling,hut,", "bad-households.csv,,8,_uuid,uuid-b1,", "bad-members.csv,,4,age,250," })
            Assert.Contains(expected, report, StringComparison.Ordinal);
        Assert.Equal(7, report.Split('\n').Count(l => l.StartsWith("bad-households.csv,,", StringComparison.Ordinal) ||
                                                         l.StartsWith("bad-members.csv,,", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ReportThatCannotBeWritten_WithoutSkipInvalid_StillRejectsAndStoresNothing()
    {
        Directory.CreateDirectory(_households + ".errors.csv");

        var run = Import();

        Assert.Equal(ExitCodes.InputRejected, run.ExitCode);
        Assert.Equal(0, (await Households()));
        Assert.Contains("bad-members.csv,,4,age,250,", run.Error, StringComparison.Ordinal);
    }
}
