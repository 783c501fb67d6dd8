using System.Globalization;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Demo;
using Mosaic.Core.Storage;
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
        var scoringOnly = args.Contains("--scoring-only");
        var withScore = scoringOnly || args.Contains("--score");
        var db = Path.Combine(Path.GetTempPath(), $"mosaic-commands-{Environment.ProcessId}.db");
        Copy(source, db);
        try
        {
            Console.WriteLine($"commands benchmark on a copy of {source}, {runs} runs, {Harness.Machine()}");
            Console.WriteLine($"load before: {File.ReadAllText("/proc/loadavg").Trim()}");
            if (scoringOnly)
            {
                var baselineRuns = int.Parse(Option(args, "--baseline-runs") ?? runs.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                return ScoringOnly(mosaic, Option(args, "--baseline"), source, db, runs, baselineRuns);
            }
            var baseline = Option(args, "--baseline") is { } before ? Baseline(before, source, runs, withScore) : null;
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
            if (baseline is not null && baseline != warm[^1].Output)
                throw new InvalidOperationException("the tabulation differs from the baseline build's");
            if (baseline is not null)
                Console.WriteLine("  output identical to the baseline build's");

            var sql = TabulationSql.GroupingSets();
            var sqlite = Repeat(Math.Max(1, runs / 2), () => ChildProcess.Measure("sqlite3", "-csv", "-readonly", db, sql));
            Report("sqlite3, the same 16 grouping sets in SQL", sqlite);
            var checkedCells = TabulationSql.CheckTotals(warm[^1].Output, sqlite[^1].Output);
            Console.WriteLine($"  totals agree: {checkedCells:N0} published cells equal sqlite3's counts");
            Console.WriteLine($"  ratio mosaic / sqlite3: {Median(warm) / Median(sqlite):F3} wall, {MedianCpu(warm) / MedianCpu(sqlite):F3} CPU");

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

    /// <summary>
    /// <c>score</c> and <c>target</c> only (<c>--scoring-only</c>), with the baseline build first on its own copy when
    /// given (<c>--baseline-runs</c> runs of each of its commands): every stored score row and the target lists of both
    /// builds must be identical.
    /// </summary>
    private static int ScoringOnly(string mosaic, string? before, string source, string db, int runs, int baselineRuns)
    {
        string? baselineList = null;
        var copy = Path.Combine(Path.GetTempPath(), $"mosaic-commands-{Environment.ProcessId}-baseline.db");
        try
        {
            if (before is not null)
            {
                Copy(source, copy);
                baselineList = ScoreAndTarget("baseline", before, copy, baselineRuns, snapshot: false);
            }
            ChildProcess.Run(mosaic, "init", "--db", db);
            var list = ScoreAndTarget("now", mosaic, db, runs, snapshot: true);
            if (baselineList is not null)
            {
                if (baselineList != list)
                    throw new InvalidOperationException("the target list differs from the baseline build's");
                Console.WriteLine($"  target list identical to the baseline build's ({list.Count(c => c == '\n') - 1:N0} households)");
                Console.WriteLine($"  score rows identical to the baseline build's ({SameScores(copy, db):N0} households, every column but the run id)");
            }
        }
        finally
        {
            foreach (var f in new[] { copy, copy + "-wal", copy + "-shm" })
                File.Delete(f);
        }
        Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    /// <summary>
    /// Compares the stored scores of two databases field by field (run id aside); returns the household count. Read
    /// through this build's store, which reads both a baseline build's <c>household_score</c> rows and its own columns.
    /// </summary>
    internal static long SameScores(string a, string b)
    {
        static List<StoredScore> Read(string db)
        {
            using var store = SqliteMosaicStore.Open(db);
            return [.. store.Scores.ReadScoresAsync().GetAwaiter().GetResult().OrderBy(s => s.HouseholdId)];
        }
        var (sa, sb) = (Read(a), Read(b));
        if (sa.Count != sb.Count)
            throw new InvalidOperationException($"the builds stored different numbers of scores ({sa.Count:N0} vs {sb.Count:N0})");
        for (var i = 0; i < sa.Count; i++)
        {
            var (x, y) = (sa[i], sb[i]);
            if (x.HouseholdId != y.HouseholdId || !x.Score.Equals(y.Score) || x.Class != y.Class || x.Rank != y.Rank ||
                !x.Dimensions.SequenceEqual(y.Dimensions) || !x.AreaRanks.SequenceEqual(y.AreaRanks) ||
                x.ExposureMethod != y.ExposureMethod || !x.Exposure.SequenceEqual(y.Exposure) || x.Explanation != y.Explanation)
                throw new InvalidOperationException($"stored scores differ: household {x.HouseholdId} vs {y.HouseholdId}");
        }
        return sa.Count;
    }

    /// <summary>
    /// Times <c>score</c> and <c>target</c>, <paramref name="runs"/> times each (a score run replaces the previous one's rows). For a build that keeps a
    /// persisted snapshot (<paramref name="snapshot"/>) one tabulation first brings it up to date, untimed, and the
    /// first target after the scoring run (which refreshes the snapshot's score columns) is reported apart.
    /// Returns the target list.
    /// </summary>
    private static string ScoreAndTarget(string label, string exe, string db, int runs, bool snapshot)
    {
        if (snapshot)
            ChildProcess.Run(exe, [.. s_tabulate, "--db", db]);
        Console.WriteLine($"{label}: load {File.ReadAllText("/proc/loadavg").Trim()}");
        Report($"{label}: score", Repeat(runs, () => ChildProcess.Measure(exe, "score", "--db", db)));
        var list = db + "-targets.csv";
        string[] target = ["target", "--db", db, "--count", "50000", "--quota", "proportional", "--out", list, "--force"];
        if (snapshot)
            Report($"{label}: first target --count 50000 --quota proportional after the scoring run", [ChildProcess.Measure(exe, target)]);
        Report($"{label}: target --count 50000 --quota proportional", Repeat(runs, () => ChildProcess.Measure(exe, target)));
        Console.WriteLine($"{label}: load {File.ReadAllText("/proc/loadavg").Trim()}");
        var text = File.ReadAllText(list);
        File.Delete(list);
        return text;
    }

    /// <summary>
    /// The same commands with an earlier build (<c>--baseline PATH/mosaic</c>) on its own copy of the unmigrated file;
    /// returns its tabulation output, which the new build's must equal.
    /// </summary>
    private static string Baseline(string before, string source, int runs, bool withScore)
    {
        var db = Path.Combine(Path.GetTempPath(), $"mosaic-commands-{Environment.ProcessId}-baseline.db");
        Copy(source, db);
        try
        {
            var tabulate = Repeat(Math.Max(1, runs / 2), () => ChildProcess.Measure(before, [.. s_tabulate, "--db", db]));
            Report("baseline: tabulate", tabulate);
            if (withScore)
            {
                Report("baseline: score", [ChildProcess.Measure(before, "score", "--db", db)]);
                var list = db + "-targets.csv";
                Report("baseline: target --count 50000 --quota proportional",
                    [ChildProcess.Measure(before, "target", "--db", db, "--count", "50000", "--quota", "proportional", "--out", list, "--force")]);
                File.Delete(list);
            }
            return tabulate[^1].Output;
        }
        finally
        {
            foreach (var f in new[] { db, db + "-wal", db + "-shm" })
                File.Delete(f);
        }
    }

    /// <summary>Copies a database with its write-ahead log (a file whose WAL is not checkpointed is incomplete without it).</summary>
    private static void Copy(string source, string db)
    {
        File.Copy(source, db, overwrite: true);
        if (File.Exists(source + "-wal"))
            File.Copy(source + "-wal", db + "-wal", overwrite: true);
        else
            File.Delete(db + "-wal");
    }

    /// <summary>Adds households from another demo seed under new submission ids, as an import of new registrations would.</summary>
    private static void AddHouseholds(string db, int count)
    {
        using var store = SqliteMosaicStore.Open(db);
        var demo = new DemoGenerator(new DemoOptions { Households = count, Seed = 4242 });
        var renamed = demo.Households().Select((h, i) => h with { SubmissionId = $"bench-new-{i}" });
        store.Registry.ImportAsync("benchmark: new households", renamed).GetAwaiter().GetResult();
    }

    private static List<ChildProcess.Measurement> Repeat(int runs, Func<ChildProcess.Measurement> run) =>
        [.. Enumerable.Range(0, runs).Select(_ => run())];

    private static double Median(List<ChildProcess.Measurement> ms) => Harness.Median([.. ms.Select(m => m.Wall)]).TotalSeconds;

    private static double MedianCpu(List<ChildProcess.Measurement> ms) => Harness.Median([.. ms.Select(m => m.Cpu)]).TotalSeconds;

    private static void Report(string what, List<ChildProcess.Measurement> ms)
    {
        var rss = ms.Select(m => m.PeakRssKiB).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: median {Median(ms):F3} s wall, {MedianCpu(ms):F3} s CPU over {ms.Count} (min {ms.Min(m => m.Wall.TotalSeconds):F3} s wall), " +
            $"peak RSS median {rss[rss.Count / 2] / 1024.0:F0} MiB"));
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
