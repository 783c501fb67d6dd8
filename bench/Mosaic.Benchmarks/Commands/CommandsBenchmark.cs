using System.Globalization;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Demo;
using Mosaic.Core.Registry;
using Mosaic.Storage.Sqlite;

namespace Mosaic.Benchmarks.Commands;

/// <summary>
/// What users wait on: whole <c>mosaic</c> commands as child processes under GNU time (wall time and peak RSS from
/// the OS), on a copy of a demo database, each beside its peer in the same run — <c>sqlite3</c> answering the same
/// tabulation (16 grouping sets) in SQL on the same file, its totals checked against Mosaic's cells, and DuckDB on the
/// same rows in memory. Also: the first tabulation (no persisted snapshot), the one after an import of new
/// households (extends the snapshot), <c>score</c>, <c>target</c>, and the fixed start-up cost.
/// </summary>
internal sealed class CommandsBenchmark : IBenchmark
{
    public string Name => "commands";

    public string Description => "whole mosaic commands (tabulate, score, target, start-up) as child processes vs sqlite3 / DuckDB";

    private static readonly string[] s_tabulate = ["tabulate", "-i", "population", "--by", "adm4,migratory_status,sex,age_group", "--format", "csv"];

    public int Run(string[] args)
    {
        var source = Option(args, "--db") ?? throw new ArgumentException("--db DEMO.db is required (mosaic demo --households N --no-serve --db DEMO.db)");
        var mosaic = Option(args, "--mosaic") ?? Path.GetFullPath("src/Mosaic.Cli/bin/Release/net10.0/mosaic");
        var runs = int.Parse(Option(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        var added = int.Parse(Option(args, "--import", "10000"), CultureInfo.InvariantCulture);
        var withScore = args.Contains("--score");
        var db = Path.Combine(Path.GetTempPath(), $"mosaic-commands-{Environment.ProcessId}.db");
        File.Copy(source, db, overwrite: true);
        try
        {
            Console.WriteLine($"commands benchmark on a copy of {source}, {runs} runs, {Harness.Machine()}");
            Console.WriteLine($"load before: {File.ReadAllText("/proc/loadavg").Trim()}");
            ChildProcess.Run(mosaic, "init", "--db", db); // migrates the copy outside the timings
            Report("mosaic --help", Repeat(runs, () => ChildProcess.Measure(mosaic, "--help")));
            Report("mosaic indicators list", Repeat(runs, () => ChildProcess.Measure(mosaic, "indicators", "list")));

            Sql(db, "DELETE FROM registry_snapshot");
            var cold = ChildProcess.Measure(mosaic, [.. s_tabulate, "--db", db]);
            Report("tabulate, no persisted snapshot (builds and saves it)", [cold]);
            var warm = Repeat(runs, () => ChildProcess.Measure(mosaic, [.. s_tabulate, "--db", db]));
            Report("tabulate (persisted snapshot)", warm);
            if (warm[^1].Output != cold.Output)
                throw new InvalidOperationException("the tabulation from the persisted snapshot differs from the one built from the rows");

            var sql = TabulationSql.GroupingSets();
            var sqlite = Repeat(Math.Max(1, runs / 2), () => ChildProcess.Measure("sqlite3", "-csv", "-readonly", db, sql));
            Report("sqlite3, the same 16 grouping sets in SQL", sqlite);
            var checkedCells = TabulationSql.CheckTotals(warm[^1].Output, sqlite[^1].Output);
            Console.WriteLine($"  totals agree: {checkedCells:N0} published cells equal sqlite3's counts");
            Console.WriteLine($"  ratio mosaic / sqlite3: {Median(warm) / Median(sqlite):F3}");

            var duck = DuckPeer.Run(db, runs);
            Console.WriteLine($"  duckdb in memory, same rows: load {duck.LoadSeconds:F2} s, query median {duck.QueryMs:F1} ms, total {duck.Total:N0}");

            AddHouseholds(db, added);
            var extended = ChildProcess.Measure(mosaic, [.. s_tabulate, "--db", db]);
            Report($"tabulate after importing {added:N0} new households (extends the snapshot)", [extended]);
            Report("tabulate again", [ChildProcess.Measure(mosaic, [.. s_tabulate, "--db", db])]);
            TabulationSql.CheckTotals(extended.Output, ChildProcess.Measure("sqlite3", "-csv", "-readonly", db, sql).Output);
            Console.WriteLine("  totals after the import agree with sqlite3");

            if (withScore)
            {
                Report("score", [ChildProcess.Measure(mosaic, "score", "--db", db)]);
                var list = Path.Combine(Path.GetTempPath(), $"mosaic-commands-{Environment.ProcessId}-targets.csv");
                Report("target --count 50000 --quota proportional",
                    [ChildProcess.Measure(mosaic, "target", "--db", db, "--count", "50000", "--quota", "proportional", "--out", list, "--force")]);
                File.Delete(list);
            }
            Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
            return 0;
        }
        finally
        {
            foreach (var f in new[] { db, db + "-wal", db + "-shm" })
                File.Delete(f);
        }
    }

    /// <summary>Adds households from another demo seed under new submission ids, as an import of new registrations would.</summary>
    private static void AddHouseholds(string db, int count)
    {
        using var store = SqliteMosaicStore.Open(db);
        var demo = new DemoGenerator(new DemoOptions { Households = count, Seed = 4242 });
        using var batch = store.Registry.BeginImport("benchmark: new households");
        var i = 0;
        foreach (var h in demo.Households())
        {
            var renamed = h with { SubmissionId = $"bench-new-{i++}" };
            batch.Add(renamed, HouseholdFingerprint.Compute(renamed));
        }
        batch.Commit();
    }

    private static List<ChildProcess.Measurement> Repeat(int runs, Func<ChildProcess.Measurement> run) =>
        [.. Enumerable.Range(0, runs).Select(_ => run())];

    private static double Median(List<ChildProcess.Measurement> ms) => Harness.Median([.. ms.Select(m => m.Wall)]).TotalSeconds;

    private static void Report(string what, List<ChildProcess.Measurement> ms)
    {
        var rss = ms.Select(m => m.PeakRssKiB).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: median {Median(ms):F3} s over {ms.Count} (min {ms.Min(m => m.Wall.TotalSeconds):F3} s), peak RSS median {rss[rss.Count / 2] / 1024.0:F0} MiB"));
    }

    private static void Sql(string db, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string Option(string[] args, string name, string fallback) => Option(args, name) ?? fallback;
}
