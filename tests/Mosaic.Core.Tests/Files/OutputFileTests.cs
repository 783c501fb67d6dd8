using Mosaic.Core.Files;
using Mosaic.Storage.Contract;

namespace Mosaic.Core.Tests.Files;

public sealed class OutputFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Begin_WritesBesideTheTargetAndNothingAppearsUntilCommit()
    {
        var target = _dir.File("list.xlsx");
        using var file = OutputFile.Begin(target, replace: false, []);
        File.WriteAllText(file.TemporaryPath, "content");

        Assert.Equal(_dir.Path, Path.GetDirectoryName(file.TemporaryPath));
        Assert.EndsWith(".xlsx", file.TemporaryPath, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
        file.Commit();
        Assert.Equal("content", File.ReadAllText(target));
        Assert.Single(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void Dispose_WithoutCommit_LeavesNoPartialFile()
    {
        var target = _dir.File("list.csv");
        using (var file = OutputFile.Begin(target, replace: false, []))
            File.WriteAllText(file.TemporaryPath, "half a li");
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void Commit_WhenAFileAppearedMeanwhile_KeepsItUnlessReplacing()
    {
        var target = _dir.File("t.csv");
        using var file = OutputFile.Begin(target, replace: false, []);
        File.WriteAllText(target, "written by someone else meanwhile");
        File.WriteAllText(file.TemporaryPath, "ours");

        var ex = Assert.Throws<OutputFileException>(file.Commit);
        Assert.Equal(OutputFileProblem.Exists, ex.Problem);
        Assert.Equal("written by someone else meanwhile", File.ReadAllText(target));
    }

    [Theory]
    [InlineData("db.sqlite", OutputFileProblem.Protected)]
    [InlineData("db.sqlite-journal", OutputFileProblem.Protected)]
    [InlineData("DB.SQLITE-shm", OutputFileProblem.Protected)]
    [InlineData("missing/t.csv", OutputFileProblem.NoFolder)]
    [InlineData(".", OutputFileProblem.IsFolder)]
    public void Begin_RefusesTargetsThatAreNotAPlaceForOutput(string name, OutputFileProblem problem)
    {
        var ex = Assert.Throws<OutputFileException>(() => OutputFile.Begin(_dir.File(name), replace: true, [_dir.File("db.sqlite")]));
        Assert.Equal(problem, ex.Problem);
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }
}
