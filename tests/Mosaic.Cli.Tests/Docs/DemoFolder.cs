using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Docs;

/// <summary>A small demo database (./mosaic.db) and its Kobo export (./kobo), built once per test run and copied where needed.</summary>
internal static class DemoFolder
{
    private static readonly Lazy<string> s_built = new(() =>
    {
        var folder = new TempDirectory().Path;
        var run = CliRun.Invoke("demo", "--households", "2000", "--no-serve", "--db", TestDb.At(Path.Combine(folder, "mosaic.db")),
            "--export-kobo", Path.Combine(folder, "kobo"));
        if (run.ExitCode != 0)
            throw new InvalidOperationException("the demo failed: " + run.Error);
        return folder;
    });

    public static void CopyInto(string target)
    {
        var source = s_built.Value;
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to, overwrite: true);
        }
        // On PostgreSQL the demo is a database of the test server, not a file: clone it for the target folder.
        if (TestDb.UsesPostgres)
            TestDb.Copy(TestDb.At(Path.Combine(source, "mosaic.db")), Path.Combine(target, "mosaic.db"));
    }
}
