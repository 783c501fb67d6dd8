using Mosaic.Core.Areas.Import;
using Mosaic.Core.Import;
using Mosaic.Storage.Contract;
using Mosaic.Core.Storage;

namespace Mosaic.Cli.Tests.Mobility;

/// <summary>A real store (SQLite, or PostgreSQL: <see cref="TestDb"/>) in a temp directory, optionally with the global P-code table imported.</summary>
internal sealed class MobilityTestStore : IDisposable
{
    private readonly TempDirectory _dir = new();

    // The global P-code table takes a second or two to import: do it once per test run and copy the database.
    private static readonly Lazy<string> s_withPcodes = new(() =>
    {
        var path = TestDb.At(Path.Combine(Path.GetTempPath(), "mosaic-tests", $"pcodes-{Environment.ProcessId}-{Guid.NewGuid():N}.db"));
        if (!TestDb.UsesPostgres)
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var store = TestDb.Open(path))
            AreaImporter.ImportAsync(store.Areas, ImportSource.FromFile(Data("cod/global-pcodes-adm-1-2.csv"))).GetAwaiter().GetResult();
        // Fold the WAL into the main file so a plain copy carries everything.
        if (!TestDb.UsesPostgres)
            TestDb.Execute(path, "PRAGMA wal_checkpoint(TRUNCATE)");
        return path;
    });

    public MobilityTestStore(bool withPcodes = false)
    {
        if (withPcodes)
            TestDb.Copy(s_withPcodes.Value, _dir.File("mosaic.db"));
        Store = TestDb.Open(DbPath);
    }

    public IMosaicStore Store { get; private set; }

    public string DbPath => TestDb.At(_dir.File("mosaic.db"));

    public string File(string name) => _dir.File(name);

    /// <summary>Path of a file under tests/data (copied to the output as data/...).</summary>
    public static string Data(string relative) => Path.Combine(AppContext.BaseDirectory, "data", relative);

    /// <summary>Copies a data file into the temp directory, so errors files are never written into tests/data.</summary>
    public string Copy(string relative)
    {
        var target = _dir.File(Path.GetFileName(relative));
        System.IO.File.Copy(Data(relative), target, overwrite: true);
        return target;
    }

    /// <summary>Writes a text file into the temp directory.</summary>
    public string Write(string name, string content)
    {
        var path = _dir.File(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Closes the store (for CLI runs that open the file themselves) and reopens it after.</summary>
    public void Reopen()
    {
        Store.Dispose();
        Store = TestDb.Open(DbPath);
    }

    public void Dispose()
    {
        Store.Dispose();
        _dir.Dispose();
    }
}
