using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Import.Corpus;

/// <summary>
/// The registration inputs the CSV corpus (<see cref="MalformedCsvCorpusTests"/>) and the workbook corpus
/// (<see cref="MalformedWorkbookCorpusTests"/>) leave out: mapping files, ODK Central zips in windows-1252 or cut
/// short, a Kobo workbook cut short, and GPS in projected metres.
/// </summary>
public sealed class MalformedRegistrationCorpusTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public MalformedRegistrationCorpusTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        using var store = TestDb.Open(_db);
        store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: TestContext.Current.CancellationToken).GetAwaiter().GetResult();
    }

    public void Dispose() => _dir.Dispose();

    private CliRun Import(string path, params string[] extra) => CliRun.Invoke(["import", "registrations", path, "--db", _db, .. extra]);

    private void AssertRefusedAndNothingStored(CliRun run, params string[] expected)
    {
        CorpusFiles.AssertRefused(run, expected);
        Assert.Equal(0, CorpusFiles.Count(_db, "household"));
        Assert.Equal(0, CorpusFiles.Count(_db, "person"));
    }

    private (string Households, string Members) Pair(string variant)
    {
        var dir = Path.Combine(_dir.Path, variant);
        Directory.CreateDirectory(dir);
        foreach (var file in new[] { "households.csv", "members.csv" })
            File.Copy(TestData.Path("malformed", "registrations", variant, file), Path.Combine(dir, file));
        return (Path.Combine(dir, "households.csv"), Path.Combine(dir, "members.csv"));
    }

    [Fact]
    public void TruncatedMapping_IsRefusedAtTheEndOfTheFile()
    {
        var (households, members) = Pair("semicolon");
        var mapping = CorpusFiles.Copy(_dir, "mapping", "truncated.json");
        AssertRefusedAndNothingStored(Import(households, "--members", members, "--mapping", mapping),
            "mapping file truncated.json is not valid", $"not valid JSON at {CorpusFiles.EndOf(mapping)}");
    }

    [Fact]
    public void MappingInWindows1252_IsRefusedAtTheByte()
    {
        var (households, members) = Pair("semicolon");
        var mapping = CorpusFiles.Copy(_dir, "mapping", "latin1.json");
        AssertRefusedAndNothingStored(Import(households, "--members", members, "--mapping", mapping),
            "mapping file latin1.json is not valid", $"{CorpusFiles.PositionOf(mapping, [(byte)'m', 0xE9], skip: 1)}: bytes that are not valid UTF-8 text", "re-save it as UTF-8");
    }

    [Fact]
    public void DeeplyNestedMapping_IsRefused()
    {
        var (households, members) = Pair("semicolon");
        var mapping = CorpusFiles.Copy(_dir, "mapping", "deep-nesting.json");
        AssertRefusedAndNothingStored(Import(households, "--members", members, "--mapping", mapping),
            $"not valid JSON at {CorpusFiles.DeepestOpening(mapping)}", "values nested more than 64 levels deep");
    }

    [Fact]
    public void GpsInProjectedMetres_IsRefusedAtItsRowAndColumn()
    {
        var (households, members) = Pair("projected-gps");
        AssertRefusedAndNothingStored(Import(households, "--members", members),
            "households.csv, row 2, column 'gps'", "GPS latitude must be between -90 and 90", "value '2828436 267012 21 4.5'");
    }

    [Fact]
    public void TruncatedOdkZip_IsRefused()
    {
        AssertRefusedAndNothingStored(Import(CorpusFiles.Copy(_dir, "odk", "truncated.zip")), "truncated.zip is not a readable zip file");
    }

    [Fact]
    public void StrayQuoteInAnOdkEntry_IsRefusedAtTheEntrysRowAndColumn()
    {
        AssertRefusedAndNothingStored(Import(CorpusFiles.Copy(_dir, "odk", "stray-quote.zip")),
            "stray-quote.zip [household_registration-members.csv], row 4, column 'name'", "line 4: a quote inside an unquoted value", "value 'Jorina \"Khatun\"'");
    }

    [Fact]
    public void TruncatedKoboWorkbook_IsRefused()
    {
        AssertRefusedAndNothingStored(Import(CorpusFiles.Copy(_dir, "xlsx", "truncated.xlsx")), "truncated.xlsx is not a readable XLSX file");
    }

    [Fact]
    public void HugeCellInAKoboWorkbook_IsRefusedAsOverTheLimit()
    {
        AssertRefusedAndNothingStored(Import(CorpusFiles.Copy(_dir, "xlsx", "huge-cell.xlsx")),
            "huge-cell.xlsx [members], row 3, column 'name'", "a cell of 1,100,000 characters, longer than the limit of 1,048,576");
    }

    [Fact]
    public void OdkZipInWindows1252_IsRefusedAtTheEntrysRow_AndReadRightWithEncoding()
    {
        var zip = CorpusFiles.Copy(_dir, "odk", "latin1.zip");
        AssertRefusedAndNothingStored(Import(zip), "latin1.zip [household_registration-members.csv], row 3, column 'name'",
            "line 3: bytes that are not valid UTF-8 text", "value 'Am\uFFFDna Begum'");

        CorpusFiles.AssertImported(Import(zip, "--encoding", "windows-1252"));
        Assert.Contains("uuid:0f3c9a1e-1|2|Amína Begum", RegistryFileQuery.Persons(_db, "p.name"));
    }
}
