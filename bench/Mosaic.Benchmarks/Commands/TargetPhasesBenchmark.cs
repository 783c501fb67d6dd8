using System.Diagnostics;
using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;
using Mosaic.Core.Targeting;
using Mosaic.Core.Vulnerability;
using Mosaic.Storage.Sqlite;

namespace Mosaic.Benchmarks.Commands;

/// <summary>
/// Where a <c>mosaic target --count N --quota proportional</c> process spends its time, in-process and cold: open,
/// areas, snapshot load, the stored rank columns, the selection over the columns (with the reads of the listed
/// households and of their stored scores timed apart), writing the CSV. Wall and CPU (user + sys of the process).
/// Reads only (the list goes to a temporary file), but a stale snapshot image is saved again: use a copy.
/// </summary>
internal sealed class TargetPhasesBenchmark : IBenchmark
{
    public string Name => "target-phases";

    public string Description => "phases of mosaic target from the columns, cold, in one process (use a copy)";

    public int Run(string[] args)
    {
        var db = args.Length > 0 ? args[0] : throw new ArgumentException("usage: target-phases DB [--count N]");
        var count = args.SkipWhile(a => a != "--count").Skip(1).Select(int.Parse).FirstOrDefault(50_000);
        var process = Process.GetCurrentProcess();
        var clock = Stopwatch.StartNew();
        var cpu = process.TotalProcessorTime;
        TimeSpan Cpu()
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
        void Step(string what)
        {
            var now = Cpu();
            Console.WriteLine($"{what,-34} {clock.Elapsed.TotalMilliseconds,9:F0} ms wall {(now - cpu).TotalMilliseconds,9:F0} ms CPU {process.PeakWorkingSet64 >> 20,5} MiB peak {GC.GetTotalMemory(false) >> 20,5} MiB managed {GC.GetGCMemoryInfo().TotalCommittedBytes >> 20,5} MiB committed {GC.CollectionCount(2)} gen2 {Rss()}");
            (cpu, clock) = (now, Stopwatch.StartNew());
        }
        static string Rss()
        {
            // Resident memory now (anonymous / file-backed) and SQLite's own heap: where a peak sits.
            var status = File.ReadAllLines("/proc/self/status");
            string Kb(string key) => (long.Parse(status.First(l => l.StartsWith(key, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) >> 10).ToString();
            return $"rss {Kb("VmRSS:")} (anon {Kb("RssAnon:")}, file {Kb("RssFile:")}) MiB, sqlite {SQLitePCL.raw.sqlite3_memory_used() >> 20} MiB";
        }
        using var store = SqliteMosaicStore.Open(db);
        Step("open + migrate");
        var run = store.Scores.LatestRunAsync().GetAwaiter().GetResult() ?? throw new InvalidOperationException("no scores: run mosaic score");
        var tree = store.Areas.AllAsync().GetAwaiter().GetResult();
        var areas = new AreaAncestry(tree);
        Step("latest run + areas");
        var (compact, _) = PersistedSnapshots.LoadTargetingAsync((IPersistedSnapshotSource)store.Registry, tree).GetAwaiter().GetResult();
        Step($"targeting columns ({compact!.HouseholdCount} households, {compact.Ids.Runs} id runs)");
        var columns = (IScoreColumnsSource)store.Scores;
        var byId = (IHouseholdsByIdSource)store.Registry;
        var (households, scores) = (TimeSpan.Zero, TimeSpan.Zero);
        var (householdsWall, scoresWall) = (TimeSpan.Zero, TimeSpan.Zero);
        async Task<IReadOnlyList<Mosaic.Core.Registry.ListedHousehold>> ReadHouseholds(IReadOnlyList<long> ids, CancellationToken ct)
        {
            var (c, w) = (Cpu(), Stopwatch.StartNew());
            var result = await byId.ReadListedHouseholdsAsync(ids, ct);
            (households, householdsWall) = (households + Cpu() - c, householdsWall + w.Elapsed);
            return result;
        }
        async Task<IReadOnlyList<StoredScore>> ReadScores(IReadOnlyList<long> ids, CancellationToken ct)
        {
            var (c, w) = (Cpu(), Stopwatch.StartNew());
            var result = await columns.ReadScoresAsync(ids, ct);
            (scores, scoresWall) = (scores + Cpu() - c, scoresWall + w.Elapsed);
            return result;
        }
        var request = new TargetingRequest { Count = count, Quota = QuotaMode.Proportional };
        var (list, _, _) = ColumnTargeter.SelectAsync(compact, columns, areas, request, null, ReadHouseholds, ReadScores).GetAwaiter().GetResult();
        Console.WriteLine($"  {"read listed households",-32} {householdsWall.TotalMilliseconds,9:F0} ms wall {households.TotalMilliseconds,9:F0} ms CPU");
        Console.WriteLine($"  {"read their stored scores",-32} {scoresWall.TotalMilliseconds,9:F0} ms wall {scores.TotalMilliseconds,9:F0} ms CPU");
        Step("ranks streamed + selection (reads included)");
        if (args.Contains("--again"))
        {
            // The same reads warm (JIT done): what is left is the store's and the mapping's own cost.
            var ids = list!.Households.Select(t => t.Household.Id).ToArray();
            byId.ReadListedHouseholdsAsync(ids).GetAwaiter().GetResult();
            Step("  listed households again (warm)");
            columns.ReadScoresAsync(ids).GetAwaiter().GetResult();
            Step("  their scores again (warm)");
        }
        var path = Path.Combine(Path.GetTempPath(), $"target-phases-{Environment.ProcessId}.csv");
        try
        {
            TargetListFile.Write(path, list!, areas, run.Dimensions, null);
            Step("write CSV");
        }
        finally
        {
            File.Delete(path);
        }
        Console.WriteLine($"peak working set {process.PeakWorkingSet64 / (1 << 20)} MiB");
        return 0;
    }
}
