using Mosaic.Core.Import;

namespace Mosaic.Core.Tests.Import;

public sealed class ImportErrorFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mosaic-errors-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Write_MoreIssuesThanTheCap_ListsTheFirstAndCountsTheRest()
    {
        var input = Path.Combine(_dir, "input.csv");
        var issues = Enumerable.Range(2, 25_000).Select(r => new ImportIssue("input.csv", null, r, "age", "x", "not a number")).ToList();
        var path = ImportErrorFile.Write(input, issues)!;
        var lines = File.ReadAllLines(path);
        Assert.Equal(1 + 10_000 + 1, lines.Length);
        Assert.Equal("input.csv,,10001,age,x,not a number", lines[10_000]);
        Assert.Equal("input.csv,,,,,\"… and 15,000 more problem(s) not listed: the report stops at 10,000\"", lines[^1]);
    }
}
