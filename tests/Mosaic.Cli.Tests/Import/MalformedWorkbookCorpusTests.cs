using Mosaic.Cli.Infrastructure;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Import;

/// <summary>
/// Hostile and damaged XLSX workbooks and zips (<c>tests/data/malformed/xlsx</c>, <c>odk</c>): deep nesting, DTDs with
/// entity expansion or external entities, zip bombs. Each is refused with exit code 3 and a reason, in bounded
/// time and memory, with the database unchanged; the valid workbook of the same corpus imports right.
/// </summary>
public sealed class MalformedWorkbookCorpusTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public MalformedWorkbookCorpusTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        using var store = TestDb.Open(_db);
        store.Areas.UpsertAsync(Fixtures.Areas).GetAwaiter().GetResult();
    }

    public void Dispose() => _dir.Dispose();

    private CliRun Run(string command, string folder, string name)
    {
        var path = _dir.File(name);
        File.Copy(TestData.Path("malformed", folder, name), path, overwrite: true);
        return CliRun.Invoke(["import", command, path, "--db", _db]);
    }

    private async Task<long> Households()
    {
        using var store = TestDb.Open(_db);
        return await store.Registry.CountHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken);
    }

    private async Task AssertRefused(CliRun run, string reason)
    {
        Assert.True(run.ExitCode == ExitCodes.InputRejected, $"exit {run.ExitCode}: {run.Error}");
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await Households()));
    }

    [Fact]
    public async Task ValidWorkbook_OfTheCorpus_ImportsEveryHousehold()
    {
        var run = Run("registrations", "xlsx", "valid.xlsx");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        using var store = TestDb.Open(_db);
        Assert.Equal(3, await store.Registry.CountHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(7, await store.Registry.CountPersonsAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("HH-001", (await store.Registry.GetHouseholdAsync("uuid-0001", cancellationToken: TestContext.Current.CancellationToken))!.HouseholdCode);
    }

    [Theory]
    [InlineData("registrations", "XML elements nested more than 64 levels deep")]
    // A flows import reads the header first and refuses the registration form's columns, streaming: no stack overflow.
    [InlineData("flows", "deep-nesting.xlsx, row 1, column 'point_code'")]
    public async Task DeeplyNestedSheet_IsRefusedInsteadOfOverflowingTheStack(string command, string reason)
    {
        await AssertRefused(Run(command, "xlsx", "deep-nesting.xlsx"), reason);
    }

    [Theory]
    [InlineData("entity-expansion.xlsx")]
    [InlineData("xxe.xlsx")]
    public async Task WorkbookWithADtd_IsRefusedForSafety(string name)
    {
        await AssertRefused(Run("registrations", "xlsx", name), "declares an XML DTD");
        await AssertRefused(Run("flows", "xlsx", name), "declares an XML DTD");
    }

    [Fact]
    public async Task XlsxZipBomb_IsRefusedBeforeDecompressing()
    {
        await AssertRefused(Run("registrations", "xlsx", "zip-bomb.xlsx"), "a zip bomb or a damaged file");
    }

    [Fact]
    public async Task OdkZipBomb_IsRefusedBeforeDecompressing()
    {
        await AssertRefused(Run("registrations", "odk", "zip-bomb.zip"), "zip-bomb.zip [household-registration-members.csv]");
    }
}
