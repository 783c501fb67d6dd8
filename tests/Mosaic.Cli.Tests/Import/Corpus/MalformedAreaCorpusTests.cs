using System.Text;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Import.Corpus;

/// <summary>
/// <c>mosaic import areas</c> on the malformed corpus (<c>tests/data/malformed/areas</c>): P-code tables in the global
/// and the COD-AB layout, and GeoJSON boundaries. Each is refused with its row and column (line and byte for JSON)
/// and nothing stored, or imported with the right names.
/// </summary>
public sealed class MalformedAreaCorpusTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Db => TestDb.At(_dir.File("mosaic.db"));

    public void Dispose() => _dir.Dispose();

    private CliRun Import(string path, params string[] extra) => CliRun.Invoke(["import", "areas", path, "--db", Db, .. extra]);

    private void AssertRefusedAndNothingStored(CliRun run, params string[] expected)
    {
        CorpusFiles.AssertRefused(run, expected);
        Assert.Equal(0, CorpusFiles.Count(Db, "area"));
    }

    [Theory]
    [InlineData("truncated.csv", "truncated.csv, row 8, column 'Name'", "line 8: the row has 4 field(s) where the header has 6: the row is cut short", "value 'Rajsh'")]
    [InlineData("ragged-extra.csv", "ragged-extra.csv, row 4, column '#7'", "line 4: the row has 7 fields where the header has 6: an unquoted value contains the separator ','", "value '2020-11-13'")]
    [InlineData("invalid-utf8.csv", "invalid-utf8.csv, row 5, column 'Name'", "line 5: bytes that are not valid UTF-8 text", "value 'Dh\uFFFDka'")]
    [InlineData("stray-quote.csv", "stray-quote.csv, row 5, column 'Name'", "line 5: a quote inside an unquoted value", "value 'Dh\"aka'")]
    public void DamagedPcodeTable_IsRefusedAtItsRowAndColumn(string name, string where, string reason, string value)
    {
        AssertRefusedAndNothingStored(Import(CorpusFiles.Copy(_dir, "areas", name)), where, reason, value);
    }

    [Fact]
    public void HugeCell_InAPcodeTable_IsRefusedAsOverTheLimit()
    {
        var path = CorpusFiles.Rewrite(_dir, TestData.Path("malformed", "areas", "ragged-extra.csv"), "huge.csv", "Chittagong, Division", new string('x', 1_100_000));
        AssertRefusedAndNothingStored(Import(path), "huge.csv, row 4, column 'Name'", "a cell of 1,100,000 characters, longer than the limit of 1,048,576");
    }

    [Fact]
    public void CodAbTableInWindows1252_IsRefusedAsUtf8_AndReadWithItsAccentsWithEncoding()
    {
        CorpusFiles.AssertImported(Import(TestData.GlobalPcodes));
        var before = CorpusFiles.Count(Db, "area");
        var path = CorpusFiles.Copy(_dir, "areas", "caf-cod-ab-latin1.csv");

        CorpusFiles.AssertRefused(Import(path), "caf-cod-ab-latin1.csv, row 2, column 'ADM0_FR'", "line 2: bytes that are not valid UTF-8 text",
            "value 'R\uFFFDpublique centrafricaine'", "--encoding");
        Assert.Equal(before, CorpusFiles.Count(Db, "area"));

        CorpusFiles.AssertImported(Import(path, "--encoding", "windows-1252"));
        Assert.Equal(before + 4, CorpusFiles.Count(Db, "area"));
        Assert.Equal(["CAF|République centrafricaine", "CF12101|Mbaïki"],
            CorpusFiles.Rows(Db, "SELECT pcode, name FROM area WHERE pcode IN ('CAF', 'CF12101') ORDER BY pcode"));
    }

    [Fact]
    public void TruncatedBoundaries_AreRefusedAtTheEndOfTheFile()
    {
        var path = CorpusFiles.Copy(_dir, "areas", "boundaries-truncated.geojson");
        AssertRefusedAndNothingStored(Import(path), "boundaries-truncated.geojson, row ", $"not valid GeoJSON at {CorpusFiles.EndOf(path)}");
    }

    [Fact]
    public void BoundariesWithCrOnlyLineEndings_AreImported()
    {
        CorpusFiles.AssertImported(Import(TestData.GlobalPcodes));
        var run = Import(CorpusFiles.Copy(_dir, "areas", "boundaries-cr-only.geojson"), "--json");
        CorpusFiles.AssertImported(run);
        Assert.Equal(2, run.Json.GetProperty("areas_inserted").GetInt32());
        Assert.Equal(["CF11101|Bimbo 1|CF111|1", "CF11103|Bimbo 3|CF111|1"],
            CorpusFiles.Rows(Db, "SELECT pcode, name, parent_pcode, boundary IS NOT NULL FROM area WHERE pcode LIKE 'CF111%' AND level = 3 ORDER BY pcode"));
    }

    [Fact]
    public void StrayQuoteInBoundaries_IsRefusedAtItsLineAndByte()
    {
        var path = CorpusFiles.Copy(_dir, "areas", "boundaries-stray-quote.geojson");
        AssertRefusedAndNothingStored(Import(path), $"not valid GeoJSON at {CorpusFiles.PositionOf(path, "\"Bimbo \"3"u8.ToArray(), skip: 8)}");
    }

    [Fact]
    public void DeeplyNestedBoundaries_AreRefused()
    {
        var path = CorpusFiles.Copy(_dir, "areas", "boundaries-deep-nesting.geojson");
        AssertRefusedAndNothingStored(Import(path), $"not valid GeoJSON at {CorpusFiles.DeepestOpening(path)}", "values nested more than 64 levels deep");
    }

    [Fact]
    public void BoundariesInWindows1252_AreRefusedAtTheByte_AndReadRightWithEncoding()
    {
        CorpusFiles.AssertImported(Import(TestData.GlobalPcodes));
        var before = CorpusFiles.Count(Db, "area");
        var path = CorpusFiles.Copy(_dir, "areas", "boundaries-latin1.geojson");

        CorpusFiles.AssertRefused(Import(path), $"boundaries-latin1.geojson, row ",
            $"{CorpusFiles.PositionOf(path, [(byte)'B', 0xE9], skip: 1)}: bytes that are not valid UTF-8 text", "--encoding");
        Assert.Equal(before, CorpusFiles.Count(Db, "area"));

        CorpusFiles.AssertImported(Import(path, "--encoding", "windows-1252"));
        Assert.Equal(["CF11103|Bégoua|CF111"], CorpusFiles.Rows(Db, "SELECT pcode, name, parent_pcode FROM area WHERE pcode = 'CF11103'"));
    }

    [Fact]
    public void HugeNameInBoundaries_IsRefusedForThatFeature()
    {
        CorpusFiles.AssertImported(Import(TestData.GlobalPcodes));
        var before = CorpusFiles.Count(Db, "area");
        var path = CorpusFiles.Rewrite(_dir, TestData.Path("cod", "caf-adm3-lowercase.geojson"), "huge.geojson", "Bimbo 3", new string('x', 1_100_000));
        CorpusFiles.AssertRefused(Import(path), "huge.geojson [features], row 2, column 'name'", "a name of 1,100,000 characters, longer than the limit of 1,048,576");
        Assert.Equal(before, CorpusFiles.Count(Db, "area"));
    }

    [Fact]
    public void Utf16Boundaries_WithTheirByteOrderMark_AreRead()
    {
        CorpusFiles.AssertImported(Import(TestData.GlobalPcodes));
        var path = _dir.File("utf16.geojson");
        var text = File.ReadAllText(TestData.Path("cod", "caf-adm3-lowercase.geojson")).Replace("Bimbo 3", "Bégoua", StringComparison.Ordinal);
        File.WriteAllText(path, text, Encoding.Unicode);
        CorpusFiles.AssertImported(Import(path));
        Assert.Equal(["CF11103|Bégoua"], CorpusFiles.Rows(Db, "SELECT pcode, name FROM area WHERE pcode = 'CF11103'"));
    }
}
