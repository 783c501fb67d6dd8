using Mosaic.Cli.Infrastructure;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Commands;

/// <summary><c>mosaic import hazards</c> on files that are not a GeoJSON FeatureCollection at all.</summary>
public sealed class ImportHazardsCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private (int ExitCode, string Out, string Error, string[] ErrorsCsv) Import(string fileName, string content)
    {
        var path = _dir.File(fileName);
        File.WriteAllText(path, content);
        var result = CliRun.Invoke("import", "hazards", path, "--type", "flood", "--db", TestDb.At(_dir.File("mosaic.db")));
        var errors = path + ".errors.csv";
        return (result.ExitCode, result.Out, result.Error, File.Exists(errors) ? File.ReadAllLines(errors) : []);
    }

    [Fact]
    public async Task ImportHazards_NotJson_IsRejectedAndWritesTheErrorsFile()
    {
        var (exit, stdout, stderr, errors) = Import("flood.csv", "id,severity\n1,0.5\n");
        Assert.Equal(ExitCodes.InputRejected, exit);
        Assert.Contains("nothing imported", stdout, StringComparison.Ordinal);
        Assert.Contains("flood.csv", stderr, StringComparison.Ordinal);
        Assert.Contains("not valid GeoJSON", stderr, StringComparison.Ordinal);
        Assert.Contains("1 problem(s) written to", stderr, StringComparison.Ordinal);
        Assert.Equal("file,sheet,row,column,value,reason", errors[0]);
        Assert.Equal(2, errors.Length);
        Assert.StartsWith("flood.csv,,1,,,", errors[1], StringComparison.Ordinal);
        Assert.Contains("not valid GeoJSON", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportHazards_SingleFeatureNotACollection_IsRejectedAndWritesTheErrorsFile()
    {
        var (exit, stdout, stderr, errors) = Import("zone.geojson", """
            {"type":"Feature","properties":{"severity":0.5},"geometry":{"type":"Polygon","coordinates":[[[89.6,25.5],[89.7,25.5],[89.7,25.6],[89.6,25.5]]]}}
            """);
        Assert.Equal(ExitCodes.InputRejected, exit);
        Assert.Contains("nothing imported", stdout, StringComparison.Ordinal);
        Assert.Contains("FeatureCollection", stderr, StringComparison.Ordinal);
        Assert.Equal(2, errors.Length);
        Assert.StartsWith("zone.geojson,", errors[1], StringComparison.Ordinal);
        Assert.Contains("FeatureCollection", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportHazards_EmptyCollection_IsRejectedAndWritesTheErrorsFile()
    {
        var (exit, _, stderr, errors) = Import("empty.geojson", """{"type":"FeatureCollection","features":[]}""");
        Assert.Equal(ExitCodes.InputRejected, exit);
        Assert.Contains("no features", stderr, StringComparison.Ordinal);
        Assert.Equal(2, errors.Length);
    }
}
