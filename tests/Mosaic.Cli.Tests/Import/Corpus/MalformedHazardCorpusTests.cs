using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Import.Corpus;

/// <summary>
/// <c>mosaic import hazards</c> on the malformed corpus (<c>tests/data/malformed/hazards</c>): two flood polygons over
/// Chilmari, severities 0.8 and 0.35, broken in one place each. Refused with the line and byte (or the feature) and
/// nothing stored, or imported with both severities.
/// </summary>
public sealed class MalformedHazardCorpusTests : IDisposable
{
    private const string Severities = "SELECT p.seq, p.severity FROM hazard_polygon p ORDER BY p.seq";
    private readonly TempDirectory _dir = new();

    private string Db => TestDb.At(_dir.File("mosaic.db"));

    public void Dispose() => _dir.Dispose();

    private CliRun Import(string path, params string[] extra) => CliRun.Invoke(["import", "hazards", path, "--type", "flood", "--db", Db, .. extra]);

    private void AssertRefusedAndNothingStored(CliRun run, params string[] expected)
    {
        CorpusFiles.AssertRefused(run, expected);
        Assert.Equal(0, CorpusFiles.Count(Db, "hazard_layer"));
        Assert.Equal(0, CorpusFiles.Count(Db, "hazard_polygon"));
    }

    private void AssertBothPolygons()
    {
        var rows = CorpusFiles.Rows(Db, Severities);
        Assert.Equal(2, rows.Count);
        Assert.Equal(["0.8", "0.35"], rows.Select(r => r.Split('|')[1]));
    }

    [Fact]
    public void CrOnlyLineEndings_ImportBothPolygons()
    {
        CorpusFiles.AssertImported(Import(CorpusFiles.Copy(_dir, "hazards", "cr-only.geojson")));
        AssertBothPolygons();
    }

    [Fact]
    public void Truncated_IsRefusedAtTheEndOfTheFile()
    {
        var path = CorpusFiles.Copy(_dir, "hazards", "truncated.geojson");
        AssertRefusedAndNothingStored(Import(path), $"not valid GeoJSON at {CorpusFiles.EndOf(path)}");
    }

    [Fact]
    public void StrayQuote_IsRefusedAtItsLineAndByte()
    {
        var path = CorpusFiles.Copy(_dir, "hazards", "stray-quote.geojson");
        AssertRefusedAndNothingStored(Import(path), $"not valid GeoJSON at {CorpusFiles.PositionOf(path, "\"Ramna \"ghat"u8.ToArray(), skip: 8)}");
    }

    [Fact]
    public void DeeplyNested_IsRefused()
    {
        var path = CorpusFiles.Copy(_dir, "hazards", "deep-nesting.geojson");
        AssertRefusedAndNothingStored(Import(path), $"not valid GeoJSON at {CorpusFiles.DeepestOpening(path)}", "values nested more than 64 levels deep");
    }

    [Fact]
    public void Windows1252_IsRefusedAtTheByte_AndReadWithEncoding()
    {
        var path = CorpusFiles.Copy(_dir, "hazards", "latin1.geojson");
        AssertRefusedAndNothingStored(Import(path), "latin1.geojson, row ", $"{CorpusFiles.PositionOf(path, [(byte)'s', 0xE9], skip: 1)}: bytes that are not valid UTF-8 text",
            "hint: give the file's encoding with --encoding NAME");

        CorpusFiles.AssertImported(Import(path, "--encoding", "windows-1252"));
        AssertBothPolygons();
    }

    [Fact]
    public void ProjectedCoordinates_AreRefusedForThatFeature()
    {
        AssertRefusedAndNothingStored(Import(CorpusFiles.Copy(_dir, "hazards", "projected-utm46n.geojson")),
            "projected-utm46n.geojson [features], row 2, column 'geometry'", "coordinates are outside longitude -180..180 / latitude -90..90", "value '266000 2830000'");
    }

    [Fact]
    public void RingOfThreePositions_IsRefusedForThatFeature()
    {
        AssertRefusedAndNothingStored(Import(CorpusFiles.Copy(_dir, "hazards", "short-ring.geojson")),
            "short-ring.geojson [features], row 2, column 'geometry': polygon is invalid and could not be repaired");
    }

    [Fact]
    public void RingNotClosed_IsRefusedAtItsFeaturesLine()
    {
        // NetTopologySuite cannot build the ring and says so without a position: the feature is found again.
        var path = CorpusFiles.Copy(_dir, "hazards", "open-ring.geojson");
        var line = File.ReadAllLines(path).Select((text, i) => (text, i)).Where(l => l.text.Contains("\"Feature\"", StringComparison.Ordinal)).ElementAt(1).i;
        AssertRefusedAndNothingStored(Import(path),
            $"open-ring.geojson, row {line}: not a usable GeoJSON feature at line {line}, byte 5 ($.features[1]):", "closed");
    }

    [Fact]
    public void HugePropertyNotUsedByMosaic_IsIgnored_AndThePolygonsImported()
    {
        var path = CorpusFiles.Rewrite(_dir, TestData.Path("malformed", "hazards", "cr-only.geojson"), "huge.geojson", "Ramna ghat", new string('x', 1_100_000));
        CorpusFiles.AssertImported(Import(path));
        AssertBothPolygons();
    }
}
