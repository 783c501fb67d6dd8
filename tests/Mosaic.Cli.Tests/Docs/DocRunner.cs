using System.Diagnostics;
using System.Globalization;

namespace Mosaic.Cli.Tests.Docs;

/// <summary>
/// Runs documented commands in order, each as a real <c>mosaic</c> process, in a fresh folder laid out like a
/// clone (the shipped <c>docs/examples</c> and <c>tests/data</c> included), as a newcomer pasting them would.
/// </summary>
internal sealed class DocRunner : IDisposable
{
    // Benchmark-scale demos take minutes; the docs show them to say how far the demo scales.
    private const int LargestDemoRun = 50_000;

    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public DocRunner()
    {
        Folder = Path.Combine(Path.GetTempPath(), "mosaic-tests", "docs-" + Guid.NewGuid().ToString("N"));
        CopyTree(Path.Combine(AppContext.BaseDirectory, "docs", "examples"), Path.Combine(Folder, "docs", "examples"));
        CopyTree(Path.Combine(AppContext.BaseDirectory, "data"), Path.Combine(Folder, "tests", "data"));
    }

    private static void CopyTree(string source, string target)
    {
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
    }

    public string Folder { get; }

    /// <summary>Runs the commands in order; returns those that did not do what the docs show, with why.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(IEnumerable<DocCommand> commands, CancellationToken token)
    {
        var failures = new List<string>();
        foreach (var command in commands)
        {
            var problem = await RunAsync(command, token);
            if (problem is not null)
                failures.Add($"{command.Text}  →  {problem}");
        }
        return failures;
    }

    private async Task<string?> RunAsync(DocCommand command, CancellationToken token)
    {
        if (command.Text.StartsWith("export MOSAIC_DB=", StringComparison.Ordinal))
        {
            _environment["MOSAIC_DB"] = Database(command.Text["export MOSAIC_DB=".Length..].Split(' ')[0]);
            return null;
        }
        var line = ShellLine.Parse(command.Text);
        if (line.Unsupported is not null)
            return line.Unsupported;
        var args = line.Words.Skip(1).ToList();
        if (args.Count > 0 && args[0] == "serve")
            return null;
        if (args.Count > 0 && args[0] == "demo")
        {
            var households = args.IndexOf("--households");
            if (households >= 0 && households + 1 < args.Count &&
                int.TryParse(args[households + 1], CultureInfo.InvariantCulture, out var n) && n > LargestDemoRun)
                return null;
            // The dashboard has its own tests; here the demo only builds its data.
            if (!args.Contains("--no-serve"))
                args.Add("--no-serve");
        }

        if (TestDb.UsesPostgres)
        {
            // On PostgreSQL each database file the docs name is a database of the test server (the demo's a clone).
            var db = args.IndexOf("--db");
            if (db >= 0 && db + 1 < args.Count)
                args[db + 1] = Database(args[db + 1]);
            else if (!_environment.ContainsKey("MOSAIC_DB"))
                _environment["MOSAIC_DB"] = Database(Mosaic.Core.Storage.StoreResolver.DefaultLocation);
        }
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync(token);
        var stderr = process.StandardError.ReadToEndAsync(token);
        await process.WaitForExitAsync(token);
        var output = await stdout;
        var error = await stderr;
        if (line.StdoutFile is not null)
            await File.WriteAllTextAsync(Path.Combine(Folder, line.StdoutFile), output, token);
        if (command.ExpectsError)
            return process.ExitCode != 0 ? null : "the docs show an error, but it succeeded";
        if (process.ExitCode == 0)
            return null;
        var reason = error.Split('\n').FirstOrDefault(l => l.StartsWith("error", StringComparison.Ordinal)) ??
                     error.Split('\n').FirstOrDefault(l => l.Trim().Length > 0) ?? "";
        return $"exit {process.ExitCode.ToString(CultureInfo.InvariantCulture)}: {reason.Trim()}";
    }

    /// <summary>The database a documented <c>--db</c> value stands for in this run (<see cref="TestDb.At"/> of the file in the folder).</summary>
    private string Database(string value) =>
        Mosaic.Core.Storage.StoreResolver.IsPostgres(value) ? value : TestDb.At(Path.Combine(Folder, value));

    private Process Start(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
        start.Environment.Remove("MOSAIC_DB");
        foreach (var (name, value) in _environment)
            start.Environment[name] = value;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mosaic.dll"));
        foreach (var a in args)
            start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow filesystem: leave it for the OS temp cleaner.
        }
    }
}
