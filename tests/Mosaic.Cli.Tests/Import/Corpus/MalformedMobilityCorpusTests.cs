using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Import.Corpus;

/// <summary>
/// <c>mosaic import dtm</c> (HDX HXL CSV, HDX HAPI CSV, DTM API JSON) and <c>mosaic import flows</c> (CSV, XLSX) on the
/// malformed corpus (<c>tests/data/malformed/dtm</c>, <c>flows</c>): refused with the row and column (line and byte
/// for JSON) and nothing stored, or imported with the right values. The DTM files are three Léogâne records of the
/// 2010 Haiti earthquake: ids 33209, 33208, 33207, rounds 1–3, 33,464, 26,054 and 18,591 IDPs.
/// </summary>
public sealed class MalformedMobilityCorpusTests : IDisposable
{
    private const string Records = "SELECT round, adm2_name FROM mobility_assessment ORDER BY round";
    private readonly TempDirectory _dir = new();

    private string Db => TestDb.At(_dir.File("mosaic.db"));

    public void Dispose() => _dir.Dispose();

    private CliRun Dtm(string path, params string[] extra) => CliRun.Invoke(["import", "dtm", path, "--db", Db, .. extra]);

    private CliRun Flows(string path, params string[] extra) => CliRun.Invoke(["import", "flows", path, "--db", Db, .. extra]);

    private void AssertRefusedAndNothingStored(CliRun run, params string[] expected)
    {
        CorpusFiles.AssertRefused(run, expected);
        Assert.Equal(0, CorpusFiles.Count(Db, "mobility_assessment"));
        Assert.Equal(0, CorpusFiles.Count(Db, "flow_observation"));
        Assert.Equal(0, CorpusFiles.Count(Db, "flow_point"));
    }

    [Theory]
    [InlineData("hxl-stray-quote.csv", "hxl-stray-quote.csv, row 4, column 'operation'", "line 4: a quote inside an unquoted value", "value 'Haiti \"Earthquake'")]
    [InlineData("hxl-ragged-extra.csv", "hxl-ragged-extra.csv, row 5, column '#22'", "the row has 22 fields where the header has 21", "value 'Inactive'")]
    [InlineData("hxl-invalid-utf8.csv", "hxl-invalid-utf8.csv, row 5, column 'admin2Name'", "line 5: bytes that are not valid UTF-8 text", "value 'L\uFFFD(ogane'")]
    [InlineData("hxl-latin1.csv", "hxl-latin1.csv, row 3, column 'admin2Name'", "line 3: bytes that are not valid UTF-8 text", "value 'L\uFFFDog\uFFFDne'")]
    [InlineData("ragged.csv", "ragged.csv, row 4", "the row has 9 field(s) where the header has 21")]
    [InlineData("hapi-truncated.csv", "hapi-truncated.csv, row 4, column 'reporting_round'", "line 4: the row has 14 field(s) where the header has 20: the row is cut short", "value '7'")]
    // The row's last columns are empty, so its extra field is empty too: it is told by being wider than the rows before it.
    [InlineData("hapi-ragged-extra.csv", "hapi-ragged-extra.csv, row 4, column '#21'",
        "line 4: the row has 21 fields where the header and the rows before it have 20 (the extra ones empty): an unquoted value contains the separator ','")]
    [InlineData("hapi-stray-quote.csv", "hapi-stray-quote.csv, row 3, column 'operation'", "line 3: a quote inside an unquoted value", "value 'Countrywide \"monitoring\"'")]
    [InlineData("hapi-invalid-utf8.csv", "hapi-invalid-utf8.csv, row 4, column 'provider_admin2_name'", "line 4: bytes that are not valid UTF-8 text", "value 'Le\uFFFDgane'")]
    [InlineData("hapi-latin1.csv", "hapi-latin1.csv, row 2, column 'provider_admin2_name'", "line 2: bytes that are not valid UTF-8 text", "value 'L\uFFFDog\uFFFDne'")]
    public void DamagedDtmCsv_IsRefusedAtItsRowAndColumn(string name, params string[] expected)
    {
        AssertRefusedAndNothingStored(Dtm(CorpusFiles.Copy(_dir, "dtm", name)), expected);
    }

    [Theory]
    [InlineData("hxl-cr-only.csv")]
    [InlineData("api-cr-only.json")]
    public void DtmWithCrOnlyLineEndings_ImportsEveryRecord(string name)
    {
        var run = Dtm(CorpusFiles.Copy(_dir, "dtm", name), "--json");
        CorpusFiles.AssertImported(run);
        Assert.Equal(3, run.Json.GetProperty("inserted").GetInt32());
        Assert.Equal(["1|Leogane|33209", "2|Leogane|33208", "3|Leogane|33207"],
            CorpusFiles.Rows(Db, "SELECT round, adm2_name, source_id FROM mobility_assessment ORDER BY round"));
        Assert.Equal(["1|33464", "2|26054", "3|18591"], CorpusFiles.Rows(Db,
            "SELECT a.round, t.individuals FROM mobility_total t JOIN mobility_assessment a ON a.id = t.assessment_id ORDER BY a.round"));
    }

    [Fact]
    public void HapiWithCrOnlyLineEndings_ImportsEveryRecordWithTheProvidersNames()
    {
        var run = Dtm(CorpusFiles.Copy(_dir, "dtm", "hapi-cr-only.csv"), "--json");
        CorpusFiles.AssertImported(run);
        Assert.Equal(3, run.Json.GetProperty("inserted").GetInt32());
        Assert.Equal(["5|Leogane|105", "6|Leogane|5172", "7|Leogane|17070"], CorpusFiles.Rows(Db,
            "SELECT a.round, a.adm2_name, t.individuals FROM mobility_total t JOIN mobility_assessment a ON a.id = t.assessment_id ORDER BY a.round"));
    }

    [Theory]
    [InlineData("hxl-latin1.csv")]
    [InlineData("hapi-latin1.csv")]
    [InlineData("api-latin1.json")]
    public void DtmInWindows1252_WithEncoding_KeepsTheAccents(string name)
    {
        CorpusFiles.AssertImported(Dtm(CorpusFiles.Copy(_dir, "dtm", name), "--encoding", "windows-1252"));
        var rounds = name.StartsWith("hapi", StringComparison.Ordinal) ? new[] { 5, 6, 7 } : [1, 2, 3];
        Assert.Equal(rounds.Select(r => $"{r}|Léogâne"), CorpusFiles.Rows(Db, Records));
    }

    [Fact]
    public void DtmJsonInWindows1252_WithoutEncoding_IsRefusedAtTheByte()
    {
        var path = CorpusFiles.Copy(_dir, "dtm", "api-latin1.json");
        AssertRefusedAndNothingStored(Dtm(path), $"api-latin1.json, row ", $"{CorpusFiles.PositionOf(path, [(byte)'L', 0xE9], skip: 1)}: bytes that are not valid UTF-8 text",
            "value '\"admin2Name\": \"L\uFFFD", "--encoding");
    }

    [Fact]
    public void TruncatedDtmJson_IsRefusedAtTheEndOfTheFile()
    {
        var path = CorpusFiles.Copy(_dir, "dtm", "api-truncated.json");
        AssertRefusedAndNothingStored(Dtm(path), $"not valid JSON at {CorpusFiles.EndOf(path)}");
    }

    [Fact]
    public void StrayQuoteInDtmJson_IsRefusedAtItsLineAndByte()
    {
        var path = CorpusFiles.Copy(_dir, "dtm", "api-stray-quote.json");
        AssertRefusedAndNothingStored(Dtm(path), $"not valid JSON at {CorpusFiles.PositionOf(path, "\"Haiti \"Earthquake"u8.ToArray(), skip: 8)}");
    }

    [Fact]
    public void DeeplyNestedDtmJson_IsRefused()
    {
        var path = CorpusFiles.Copy(_dir, "dtm", "api-deep-nesting.json");
        AssertRefusedAndNothingStored(Dtm(path), $"not valid JSON at {CorpusFiles.DeepestOpening(path)}", "values nested more than 64 levels deep");
    }

    [Theory]
    [InlineData("hxl-cr-only.csv", "huge.csv, row 3, column 'operation'")]
    [InlineData("hapi-cr-only.csv", "huge.csv, row 2, column 'operation'")]
    [InlineData("api-cr-only.json", "huge.json [result], row 1, column 'operation'")]
    public void HugeValueInADtmFile_IsRefusedAsOverTheLimit(string name, string where)
    {
        var path = CorpusFiles.Rewrite(_dir, TestData.Path("malformed", "dtm", name), "huge" + Path.GetExtension(name),
            name.StartsWith("hapi", StringComparison.Ordinal) ? "Countrywide monitoring" : "Haiti Earthquake", new string('x', 1_100_000));
        AssertRefusedAndNothingStored(Dtm(path), where, "of 1,100,000 characters, longer than the limit of 1,048,576");
    }

    [Theory]
    [InlineData("truncated.csv", "truncated.csv, row 4, column 'f_18_59'", "line 4: the row has 12 field(s) where the header has 19: the row is cut short", "value '7'")]
    [InlineData("stray-quote.csv", "stray-quote.csv, row 3, column 'next_location'", "line 3: a quote inside an unquoted value", "value 'Gaya \"NER\"'")]
    [InlineData("ragged-extra.csv", "ragged-extra.csv, row 4, column '#20'", "the row has 20 fields where the header has 19", "value 'returnee'")]
    [InlineData("invalid-utf8.csv", "invalid-utf8.csv, row 4, column 'next_location'", "line 4: bytes that are not valid UTF-8 text", "value 'K\uFFFD\uFFFDndi'")]
    [InlineData("latin1.csv", "latin1.csv, row 2, column 'point_name'", "line 2: bytes that are not valid UTF-8 text", "value 'Gare routi\uFFFDre de Malanville'")]
    [InlineData("unterminated-quote.csv", "unterminated-quote.csv, row 2, column 'prev_location'", "line 2: a quoted value is never closed")]
    [InlineData("projected.csv", "projected.csv, row 2, column 'point_lat'", "coordinates must be decimal degrees (latitude −90…90, longitude −180…180)", "value '1311420 433250'")]
    public void DamagedFlowsCsv_IsRefusedAtItsRowAndColumn(string name, params string[] expected)
    {
        AssertRefusedAndNothingStored(Flows(CorpusFiles.Copy(_dir, "flows", name)), expected);
    }

    [Fact]
    public void HugeCellInAFlowsCsv_IsRefusedAsOverTheLimit()
    {
        var path = CorpusFiles.Rewrite(_dir, TestData.Path("malformed", "flows", "ragged-extra.csv"), "huge.csv", "Kandi, Alibori", new string('x', 1_100_000));
        AssertRefusedAndNothingStored(Flows(path), "huge.csv, row 4, column 'next_location'", "a cell of 1,100,000 characters, longer than the limit of 1,048,576");
    }

    [Fact]
    public void FlowsInWindows1252_WithEncoding_ImportEveryRowWithTheAccents()
    {
        var run = Flows(CorpusFiles.Copy(_dir, "flows", "latin1.csv"), "--encoding", "windows-1252", "--json");
        CorpusFiles.AssertImported(run);
        Assert.Equal(3, run.Json.GetProperty("inserted").GetInt32());
        Assert.Equal(["BEN-FMP-01|Gare routière de Malanville|11.862|3.389"], CorpusFiles.Rows(Db, "SELECT code, name, lat, lon FROM flow_point"));
        Assert.Equal(["2024-09-01|in|17|Gaya (NER)", "2024-09-01|out|13|Malanville", "2024-09-02|in|27|Gaya (NER)"],
            CorpusFiles.Rows(Db, "SELECT date, direction, total, prev_location FROM flow_observation ORDER BY record_id"));
    }

    [Theory]
    [InlineData("xlsx", "zip-bomb.xlsx", "a zip bomb or a damaged file")]
    [InlineData("xlsx", "truncated.xlsx", "truncated.xlsx: not a readable XLSX file")]
    public void DamagedFlowsWorkbook_IsRefused(string folder, string name, string reason)
    {
        AssertRefusedAndNothingStored(Flows(CorpusFiles.Copy(_dir, folder, name)), reason);
    }
}
