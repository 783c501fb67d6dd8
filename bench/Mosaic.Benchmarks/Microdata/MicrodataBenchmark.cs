using System.Globalization;
using System.Text.Json;

namespace Mosaic.Benchmarks.Microdata;

/// <summary>
/// <c>mosaic export registrations</c> and <c>mosaic privacy kanon</c> as whole commands (child processes under GNU
/// time: wall, CPU, peak RSS) on a copy of a demo database, beside their peers in the same run: the <c>sqlite3</c>
/// shell writing the same person file with <c>.mode csv</c> (checked line for line against Mosaic's), the same shell
/// computing the records' risk (class sizes, expected re-identifications, household risk) in one query, and DuckDB in
/// memory computing that risk on the same rows; both peers' figures are checked against <c>kanon --json</c>.
/// </summary>
internal sealed class MicrodataBenchmark : IBenchmark
{
    public string Name => "microdata";

    public string Description => "export registrations (csv, --household-id, xlsx) and privacy kanon as child processes vs sqlite3 .mode csv / SQL / DuckDB";

    private static readonly string[] s_keys = ["-q", "adm4,sex,age_group,migratory_status"];

    public int Run(string[] args)
    {
        var source = Option(args, "--db") ?? throw new ArgumentException("--db DEMO.db is required (a copy is used; the file is never written)");
        var mosaic = Option(args, "--mosaic") ?? Path.GetFullPath("src/Mosaic.Cli/bin/Release/net10.0/mosaic");
        var runs = int.Parse(Option(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        var work = Option(args, "--work") ?? Path.GetTempPath();
        Directory.CreateDirectory(work);
        var db = Path.Combine(work, $"mosaic-microdata-{Environment.ProcessId}.db");
        var csv = Path.Combine(work, $"mosaic-microdata-{Environment.ProcessId}.csv");
        var peerCsv = Path.Combine(work, $"mosaic-microdata-{Environment.ProcessId}-sqlite3.csv");
        File.Copy(source, db, overwrite: true);
        if (File.Exists(source + "-wal"))
            File.Copy(source + "-wal", db + "-wal", overwrite: true);
        try
        {
            Console.WriteLine($"microdata benchmark on a copy of {source}, {runs} runs, {Harness.Machine()}");
            Console.WriteLine($"load before: {File.ReadAllText("/proc/loadavg").Trim()}");
            ChildProcess.Run(mosaic, "init", "--db", db);
            // One untimed export brings the persisted snapshot up to date, as on a registry in use.
            string[] export = ["export", "registrations", "--db", db, "--out", csv, "--force", "--max-global-risk", "100%"];
            ChildProcess.Run(mosaic, export);

            Report("export registrations --format csv (default person file)", Repeat(runs, () => ChildProcess.Measure(mosaic, export)));
            var ours = File.ReadAllLines(csv);
            var peer = Repeat(runs, () => Shell(db, MicrodataSql.Export(peerCsv)));
            Report("sqlite3 .mode csv, the same columns and order", peer);
            var theirs = File.ReadAllLines(peerCsv);
            if (!ours.SequenceEqual(theirs))
                throw new InvalidOperationException("sqlite3's CSV differs from Mosaic's");
            Console.WriteLine($"  files identical line for line: {ours.Length - 1:N0} records");
            Report("export registrations --household-id", Repeat(runs, () => ChildProcess.Measure(mosaic, [.. export, "--household-id"])));
            var xlsx = Path.ChangeExtension(csv, ".xlsx");
            Report("export registrations --format xlsx", Repeat(Math.Max(1, runs / 2), () => ChildProcess.Measure(mosaic,
                ["export", "registrations", "--db", db, "--out", xlsx, "--force", "--max-global-risk", "100%", "--format", "xlsx"])));
            File.Delete(xlsx);

            var kanon = Repeat(runs, () => ChildProcess.Measure(mosaic, ["privacy", "kanon", .. s_keys, "--db", db, "--json"]));
            Report("privacy kanon -q adm4,sex,age_group,migratory_status (k = 5, with local suppression)", kanon);
            var risk = Repeat(runs, () => ChildProcess.Measure("sqlite3", "-csv", "-readonly", db, MicrodataSql.Risk()));
            Report("sqlite3, the same records' risk in one query (no suppression)", risk);
            Check("sqlite3", kanon[^1].Output, MicrodataSql.Figures.Parse(risk[^1].Output));
            var duck = MicrodataDuckPeer.Run(db, runs);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"duckdb in memory, same rows: load {duck.LoadSeconds:F2} s, risk query median {duck.QueryMs:F0} ms"));
            Check("duckdb", kanon[^1].Output, duck.Figures);
            Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
            return 0;
        }
        finally
        {
            foreach (var f in new[] { db, db + "-wal", db + "-shm", csv, peerCsv })
                File.Delete(f);
        }
    }

    /// <summary>Runs a sqlite3 script (dot commands need the shell's standard input, so it goes through sh).</summary>
    private static ChildProcess.Measurement Shell(string db, string script)
    {
        var file = Path.Combine(Path.GetTempPath(), $"mosaic-microdata-{Environment.ProcessId}.sql");
        File.WriteAllText(file, script);
        try
        {
            return ChildProcess.Measure("/bin/sh", "-c", $"sqlite3 -readonly '{db}' < '{file}'");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The peer's figures must be kanon's (kanon rounds to 3 decimals).</summary>
    private static void Check(string peer, string kanonJson, MicrodataSql.Figures f)
    {
        using var json = JsonDocument.Parse(kanonJson);
        var root = json.RootElement;
        var risk = root.GetProperty("risk");
        var household = risk.GetProperty("household_risk");
        (string Name, double Ours, double Theirs)[] figures =
        [
            ("records", root.GetProperty("records").GetInt64(), f.Records),
            ("expected re-identifications", risk.GetProperty("expected_reidentifications").GetDouble(), f.Expected),
            ("unique records", risk.GetProperty("unique_records").GetInt64(), f.Unique),
            ("households", household.GetProperty("households").GetInt64(), f.Households),
            ("expected re-identified households", household.GetProperty("expected_reidentified_households").GetDouble(), f.ExpectedHouseholds),
            ("expected re-identified persons", household.GetProperty("expected_reidentified_persons").GetDouble(), f.ExpectedPersons),
        ];
        foreach (var (name, ours, theirs) in figures)
        {
            if (Math.Abs(ours - theirs) > 0.001)
                throw new InvalidOperationException($"{peer}: {name} {theirs} but kanon says {ours}");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {peer} agrees with kanon: {f.Records:N0} records, {f.Expected:F3} expected re-identifications, {f.Unique} unique; " +
            $"{f.ExpectedHouseholds:F3} of {f.Households:N0} households, {f.ExpectedPersons:F3} persons (household risk)"));
    }

    private static List<ChildProcess.Measurement> Repeat(int runs, Func<ChildProcess.Measurement> run) =>
        [.. Enumerable.Range(0, runs).Select(_ => run())];

    private static void Report(string what, List<ChildProcess.Measurement> ms)
    {
        var wall = Harness.Median([.. ms.Select(m => m.Wall)]).TotalSeconds;
        var cpu = Harness.Median([.. ms.Select(m => m.Cpu)]).TotalSeconds;
        var rss = ms.Select(m => m.PeakRssKiB).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: median {wall:F2} s wall, {cpu:F2} s CPU over {ms.Count} (min {ms.Min(m => m.Wall.TotalSeconds):F2} s wall), " +
            $"peak RSS median {rss[rss.Count / 2] / 1024.0:F0} MiB"));
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
