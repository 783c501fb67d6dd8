using System.Globalization;
using System.Text.Json;

namespace Mosaic.Benchmarks;

/// <summary>
/// Issue 2: import the demo exported as CSVs (~1,000,000 person rows) into SQLite with <c>mosaic import
/// registrations</c> (validation, idempotency checks, transaction), against <c>sqlite3</c>'s own <c>.import</c>
/// of the same two CSVs into plain tables (the floor with no validation at all). Both run as child processes
/// under GNU time, so wall time includes process start-up for both and peak memory is the importer's own.
/// </summary>
public sealed class ImportBenchmark : IBenchmark
{
    public string Name => "import";

    public string Description => "registration import (1M person rows, CSV) vs sqlite3 .import; options: --households N --runs R --mosaic PATH";

    public int Run(string[] args)
    {
        var households = IntOption(args, "--households", 230_000);
        var runs = IntOption(args, "--runs", 5);
        var mosaic = Option(args, "--mosaic") ?? Path.GetFullPath("src/Mosaic.Cli/bin/Release/net10.0/mosaic.dll");
        if (!File.Exists(mosaic))
        {
            Console.Error.WriteLine($"build the CLI first: dotnet build -c Release src/Mosaic.Cli ({mosaic} not found)");
            return 2;
        }
        Console.WriteLine($"machine: {Harness.Machine()}");
        foreach (var size in new[] { households / 4, households })
            Measure(mosaic, size, runs);
        return 0;
    }

    private static void Measure(string mosaic, int households, int runs)
    {
        var work = Path.Combine(Path.GetTempPath(), "mosaic-bench-import", households.ToString(CultureInfo.InvariantCulture));
        var export = Path.Combine(work, "export");
        if (!File.Exists(Path.Combine(export, "members.csv")))
        {
            Directory.CreateDirectory(work);
            Console.WriteLine($"generating the demo with {households:N0} households …");
            ChildProcess.Run("dotnet", mosaic, "demo", "--no-serve", "--households", households.ToString(CultureInfo.InvariantCulture),
                "--db", Path.Combine(work, "demo.db"), "--export-kobo", export);
        }
        var householdsCsv = Path.Combine(export, "households.csv");
        var membersCsv = Path.Combine(export, "members.csv");
        var personRows = File.ReadLines(membersCsv).LongCount() - 1;
        var bytes = new FileInfo(householdsCsv).Length + new FileInfo(membersCsv).Length;

        var ours = new List<ChildProcess.Measurement>();
        var floor = new List<ChildProcess.Measurement>();
        for (var r = 0; r < runs; r++)
        {
            var db = Path.Combine(work, "bench.db");
            Delete(db);
            ChildProcess.Run("dotnet", mosaic, "import", "areas", Path.Combine(export, "areas.csv"), "--db", db);
            var m = ChildProcess.Measure("dotnet", mosaic, "import", "registrations", householdsCsv, "--members", membersCsv, "--db", db, "--json");
            var summary = JsonDocument.Parse(m.Output).RootElement;
            if (summary.GetProperty("persons_imported").GetInt64() != personRows)
                throw new InvalidOperationException($"imported {summary.GetProperty("persons_imported")} persons of {personRows}");
            ours.Add(m);

            var plain = Path.Combine(work, "plain.db");
            Delete(plain);
            floor.Add(ChildProcess.Measure("sqlite3", plain, "-cmd", ".mode csv",
                $".import '{householdsCsv}' households", $".import '{membersCsv}' members"));
        }
        var oursMedian = Harness.Median(ours.Select(m => m.Wall).ToList());
        var floorMedian = Harness.Median(floor.Select(m => m.Wall).ToList());
        var peak = ours.Max(m => m.PeakRssKiB) / 1024.0;
        Console.WriteLine();
        Console.WriteLine($"households {households:N0}, person rows {personRows:N0}, CSV {bytes / 1048576.0:F0} MiB, {runs} runs");
        Console.WriteLine("| importer | median | person rows/s | peak RSS |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| mosaic import registrations | {oursMedian.TotalSeconds:F2} s | {personRows / oursMedian.TotalSeconds:N0} | {peak:F0} MiB |");
        Console.WriteLine($"| sqlite3 .import (no validation) | {floorMedian.TotalSeconds:F2} s | {personRows / floorMedian.TotalSeconds:N0} | {floor.Max(m => m.PeakRssKiB) / 1024.0:F0} MiB |");
        Console.WriteLine($"ratio mosaic / sqlite3: {oursMedian / floorMedian:F2}×");
    }

    private static void Delete(string db)
    {
        foreach (var f in new[] { db, db + "-wal", db + "-shm" })
            File.Delete(f);
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
