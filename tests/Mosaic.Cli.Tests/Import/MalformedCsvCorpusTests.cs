using Mosaic.Cli.Infrastructure;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Import;

/// <summary>
/// The malformed CSV corpus (<c>tests/data/malformed</c>), imported through the CLI as a user would: each file is
/// either refused with the row, column and reason named and the database left unchanged, or imported with the
/// right values. None ends in a stack trace.
/// </summary>
public sealed class MalformedCsvCorpusTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public MalformedCsvCorpusTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        using var store = TestDb.Open(_db);
        store.Areas.UpsertAsync(Fixtures.Areas).GetAwaiter().GetResult();
    }

    public void Dispose() => _dir.Dispose();

    private (string Households, string Members) Variant(string name)
    {
        var dir = Path.Combine(_dir.Path, name);
        Directory.CreateDirectory(dir);
        foreach (var file in new[] { "households.csv", "members.csv" })
            File.Copy(TestData.Path("malformed", "registrations", name, file), Path.Combine(dir, file));
        return (Path.Combine(dir, "households.csv"), Path.Combine(dir, "members.csv"));
    }

    private CliRun Import(string name, params string[] extra)
    {
        var (households, members) = Variant(name);
        return CliRun.Invoke(["import", "registrations", households, "--members", members, "--db", _db, .. extra]);
    }

    private async Task<(long Households, long Persons)> Counts()
    {
        using var store = TestDb.Open(_db);
        return (await store.Registry.CountHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken), await store.Registry.CountPersonsAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    private async Task AssertRefused(CliRun run, params string[] expected)
    {
        Assert.True(run.ExitCode == ExitCodes.InputRejected, $"exit {run.ExitCode}: {run.Error}");
        foreach (var e in expected)
            Assert.Contains(e, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal((0, 0), (await Counts()));
    }

    [Fact]
    public async Task StrayQuote_InAnUnquotedValue_IsRefusedWithRowAndColumn()
    {
        await AssertRefused(Import("stray-quote"),
            "households.csv, row 3, column 'hh_id'", "line 3: a quote inside an unquoted value", "value 'HH-0\"02'");
    }

    [Fact]
    public async Task UnterminatedQuote_IsRefusedInsteadOfSwallowingTheRestOfTheFile()
    {
        await AssertRefused(Import("unterminated-quote"), "members.csv, row 5, column 'name'", "line 5: a quoted value is never closed");
    }

    [Fact]
    public async Task TextAfterAClosingQuote_IsRefused()
    {
        await AssertRefused(Import("text-after-quote"), "members.csv, row 2, column 'name'", "text after the closing quote");
    }

    [Fact]
    public async Task TruncatedFile_LastRowCutShort_IsRefusedNotReadAsEmptyCells()
    {
        await AssertRefused(Import("truncated"), "members.csv, row 8", "line 8: the row has 7 field(s) where the header has 22: the row is cut short");
    }

    [Fact]
    public async Task UnquotedSeparatorInAValue_IsRefused()
    {
        await AssertRefused(Import("ragged-extra"), "households.csv, row 2", "the row has 19 fields where the header has 18");
    }

    [Fact]
    public async Task InvalidUtf8_IsRefusedWithRowColumnAndAnEncodingHint()
    {
        await AssertRefused(Import("invalid-utf8"), "members.csv, row 7, column 'name'", "not valid UTF-8", "--encoding");
    }

    [Fact]
    public async Task Latin1Names_WithoutEncoding_AreRefusedNotMangled()
    {
        await AssertRefused(Import("latin1"), "members.csv, row 3, column 'name'", "not valid UTF-8");
    }

    [Fact]
    public async Task Latin1Names_WithEncodingWindows1252_AreImportedRight()
    {
        var run = Import("latin1", "--encoding", "windows-1252");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Equal((3, 7), (await Counts()));
        AssertNames();
    }

    [Fact]
    public async Task Utf16WithBom_AndUtf8WithBom_AreImportedRight()
    {
        var run = Import("utf16-bom");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Equal((3, 7), (await Counts()));
        AssertNames();
    }

    [Fact]
    public async Task CrOnlyLineEndings_ImportEveryRow()
    {
        var run = Import("cr-only", "--json");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Equal(3, run.Json.GetProperty("households_imported").GetInt64());
        Assert.Equal(7, run.Json.GetProperty("persons_imported").GetInt64());
        using var store = TestDb.Open(_db);
        Assert.Equal(18000, (await store.Registry.GetHouseholdAsync("uuid-0001", cancellationToken: TestContext.Current.CancellationToken))!.IncomeBefore);
    }

    [Fact]
    public async Task SemicolonSeparatedWithCrlf_ImportEveryRow()
    {
        var run = Import("semicolon");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Equal((3, 7), (await Counts()));
    }

    [Fact]
    public async Task HugeCell_IsRefusedAsOverTheLimit()
    {
        var (households, members) = Variant("semicolon");
        File.WriteAllText(members, File.ReadAllText(members).Replace(";Nila;", ";" + new string('x', 1_100_000) + ";", StringComparison.Ordinal));
        var run = CliRun.Invoke("import", "registrations", households, "--members", members, "--db", _db);
        await AssertRefused(run, "members.csv, row 4, column 'name'", "a cell of 1,100,000 characters, longer than the limit of 1,048,576");
    }

    [Fact]
    public async Task UnknownEncodingName_IsAUsageError()
    {
        var run = Import("latin1", "--encoding", "klingon-8");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("unknown encoding 'klingon-8'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AreaTable_WithAStrayQuote_IsRefusedAndCrOnlyIsImported()
    {
        var stray = _dir.File("stray-quote.csv");
        File.Copy(TestData.Path("malformed", "areas", "stray-quote.csv"), stray);
        var run = CliRun.Invoke("import", "areas", stray, "--db", _db);
        Assert.Equal(ExitCodes.InputRejected, run.ExitCode);
        Assert.Contains("stray-quote.csv, row 5, column 'Name'", run.Error, StringComparison.Ordinal);

        var cr = _dir.File("cr-only.csv");
        File.Copy(TestData.Path("malformed", "areas", "cr-only.csv"), cr);
        var ok = CliRun.Invoke("import", "areas", cr, "--db", _db, "--json");
        Assert.True(ok.ExitCode == ExitCodes.Success, ok.Error);
        using var store = TestDb.Open(_db);
        Assert.Equal("Mymensingh", (await store.Areas.GetAsync("BD45", cancellationToken: TestContext.Current.CancellationToken))!.Name);
    }

    [Fact]
    public void DtmCsv_WithARowCutShort_IsRefused()
    {
        var path = _dir.File("ragged.csv");
        File.Copy(TestData.Path("malformed", "dtm", "ragged.csv"), path);
        var run = CliRun.Invoke("import", "dtm", path, "--db", _db);
        Assert.Equal(ExitCodes.InputRejected, run.ExitCode);
        Assert.Contains("ragged.csv, row 4", run.Error, StringComparison.Ordinal);
        Assert.Contains("the row has 9 field(s) where the header has 21", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void FlowCsv_WithAnUnterminatedQuote_IsRefusedAndCrOnlyIsImported()
    {
        var bad = _dir.File("unterminated-quote.csv");
        File.Copy(TestData.Path("malformed", "flows", "unterminated-quote.csv"), bad);
        var run = CliRun.Invoke("import", "flows", bad, "--db", _db);
        Assert.Equal(ExitCodes.InputRejected, run.ExitCode);
        Assert.Contains("unterminated-quote.csv, row 2, column 'prev_location'", run.Error, StringComparison.Ordinal);

        var cr = _dir.File("cr-only.csv");
        File.Copy(TestData.Path("malformed", "flows", "cr-only.csv"), cr);
        var ok = CliRun.Invoke("import", "flows", cr, "--db", _db, "--json");
        Assert.True(ok.ExitCode == ExitCodes.Success, ok.Error);
        Assert.Equal(12, ok.Json.GetProperty("inserted").GetInt64());
    }

    // Names leave the store only through the audited contacts door, so read them from the file itself.
    private void AssertNames()
    {
        using var raw = TestDb.OpenSql(_db, readOnly: true);
        List<string> NamesOf(string submissionId)
        {
            using var cmd = raw.CreateCommand();
            cmd.CommandText = "SELECT p.name FROM person p JOIN household h ON h.id = p.household_id WHERE h.submission_id = @id ORDER BY p.line";
            var id = cmd.CreateParameter();
            id.ParameterName = "id";
            id.Value = submissionId;
            cmd.Parameters.Add(id);
            using var r = cmd.ExecuteReader();
            var names = new List<string>();
            while (r.Read())
                names.Add(r.IsDBNull(0) ? "" : r.GetString(0));
            return names;
        }
        Assert.Contains("Amína Begum", NamesOf("uuid-0001"));
        Assert.Equal("Jorina Khatún", NamesOf("uuid-0002")[0]);
    }
}
