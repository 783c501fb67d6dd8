using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Mosaic.Benchmarks.Postgres;

/// <summary>
/// Issue 13: <c>mosaic import registrations households.csv --members members.csv --db postgres://…</c> (the whole
/// command as a child process: parse, validate, fingerprint, binary COPY into staging tables, one set-based merge)
/// against <c>psql</c>'s <c>\copy</c> of the same two CSVs into plain text tables (the floor: no validation), both
/// into fresh databases of the same throwaway server, alternating, in the same run. Same CSVs as <c>import</c> (SQLite).
/// </summary>
internal sealed class PostgresImportBenchmark : IBenchmark
{
    public string Name => "pg-import";

    public string Description => "registration import into PostgreSQL (1M person rows, CSV) vs psql \\copy; options: --households N --runs R --mosaic PATH";

    public int Run(string[] args)
    {
        var households = int.Parse(Option(args, "--households") ?? "230000", CultureInfo.InvariantCulture);
        var runs = int.Parse(Option(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        var mosaic = Option(args, "--mosaic") ?? Path.GetFullPath("src/Mosaic.Cli/bin/Release/net10.0/mosaic");
        var export = DemoExport.Ensure(mosaic, households);
        var householdsCsv = Path.Combine(export, "households.csv");
        var membersCsv = Path.Combine(export, "members.csv");
        var personRows = File.ReadLines(membersCsv).LongCount() - 1;
        var bytes = new FileInfo(householdsCsv).Length + new FileInfo(membersCsv).Length;
        var script = Path.Combine(Path.GetDirectoryName(export)!, "copy.sql");
        File.WriteAllText(script, CopyScript(householdsCsv, membersCsv));

        Console.WriteLine($"machine: {Harness.Machine()}");
        Console.WriteLine($"load before: {Load()}");
        using var server = BenchServer.Start("bench-import");
        var ours = new List<ChildProcess.Measurement>();
        var floor = new List<ChildProcess.Measurement>();
        var loads = new List<string>();
        for (var r = 0; r < runs; r++)
        {
            server.CreateDatabase("bench");
            ChildProcess.Run(mosaic, "import", "areas", Path.Combine(export, "areas.csv"), "--db", server.Uri("bench")); // migrates too
            loads.Add(Load());
            var m = ChildProcess.Measure(mosaic, "import", "registrations", householdsCsv, "--members", membersCsv, "--db", server.Uri("bench"), "--json");
            var summary = JsonDocument.Parse(m.Output).RootElement;
            if (summary.GetProperty("persons_imported").GetInt64() != personRows)
                throw new InvalidOperationException($"imported {summary.GetProperty("persons_imported")} persons of {personRows}");
            var stored = Convert.ToInt64(server.Scalar("bench", "SELECT count(*) FROM person"), CultureInfo.InvariantCulture);
            if (stored != personRows)
                throw new InvalidOperationException($"the database holds {stored} persons, the CSV {personRows}");
            ours.Add(m);
            Console.WriteLine($"  run {r + 1}: mosaic {m.Wall.TotalSeconds:F2} s wall, {m.Cpu.TotalSeconds:F2} s CPU, {m.PeakRssKiB / 1024} MiB (load {loads[^1]})");
            server.DropDatabase("bench");

            server.CreateDatabase("plain");
            var f = ChildProcess.Measure(BenchServer.Psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
                server.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", "plain", "-f", script);
            var copied = Convert.ToInt64(server.Scalar("plain", "SELECT count(*) FROM members"), CultureInfo.InvariantCulture);
            if (copied != personRows)
                throw new InvalidOperationException($"psql copied {copied} member rows of {personRows}");
            floor.Add(f);
            Console.WriteLine($"  run {r + 1}: psql \\copy {f.Wall.TotalSeconds:F2} s wall, {f.Cpu.TotalSeconds:F2} s CPU");
            server.DropDatabase("plain");
        }
        var oursMedian = Harness.Median([.. ours.Select(m => m.Wall)]);
        var floorMedian = Harness.Median([.. floor.Select(m => m.Wall)]);
        Console.WriteLine();
        Console.WriteLine($"households {households:N0}, person rows {personRows:N0}, CSV {bytes / 1048576.0:F0} MiB, {runs} runs, load before each Mosaic run: {string.Join("; ", loads)}");
        Console.WriteLine("| importer | median wall | median CPU (user+sys) | person rows/s | peak RSS |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine($"| mosaic import registrations --db postgres:// | {oursMedian.TotalSeconds:F2} s | {Harness.Median([.. ours.Select(m => m.Cpu)]).TotalSeconds:F2} s | " +
                          $"{personRows / oursMedian.TotalSeconds:N0} | {ours.Max(m => m.PeakRssKiB) / 1024.0:F0} MiB |");
        Console.WriteLine($"| psql \\copy into plain tables | {floorMedian.TotalSeconds:F2} s | {Harness.Median([.. floor.Select(m => m.Cpu)]).TotalSeconds:F2} s | " +
                          $"{personRows / floorMedian.TotalSeconds:N0} | {floor.Max(m => m.PeakRssKiB) / 1024.0:F0} MiB |");
        Console.WriteLine($"ratio mosaic / psql \\copy: {oursMedian / floorMedian:F2}× wall");
        Console.WriteLine($"load after: {Load()}");
        return 0;
    }

    /// <summary>Creates one all-text table per CSV (its header's columns) and copies the file in: the floor.</summary>
    private static string CopyScript(string householdsCsv, string membersCsv)
    {
        var sql = new StringBuilder();
        foreach (var (table, file) in new[] { ("households", householdsCsv), ("members", membersCsv) })
        {
            var header = File.ReadLines(file).First().TrimStart('\uFEFF').Split(',');
            sql.Append(CultureInfo.InvariantCulture, $"CREATE TABLE {table} (")
               .Append(string.Join(", ", header.Select((c, i) => $"\"c{i}_{c.Trim('"').Replace("\"", "", StringComparison.Ordinal)}\" text")))
               .AppendLine(");");
            sql.AppendLine(CultureInfo.InvariantCulture, $"\\copy {table} FROM '{file}' WITH (FORMAT csv, HEADER true)");
        }
        return sql.ToString();
    }

    internal static string Load() => File.ReadAllText("/proc/loadavg").Trim();

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
