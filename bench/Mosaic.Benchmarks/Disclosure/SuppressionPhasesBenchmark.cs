using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Sqlite;

namespace Mosaic.Benchmarks.Disclosure;

/// <summary>
/// Where the time of suppression goes on one table: the steps of <see cref="TableProtection.Start"/> timed one by one
/// (primary rules, hypercube search, cleanup pass, audit with its box proofs) on the table the tabulator counted, beside
/// the whole <see cref="Tabulator.Tabulate(TabulationRequest)"/> (cold and warm) and counting only. The steps are run
/// as the tabulator runs them, and the pattern they end with is checked against the tabulator's.
/// </summary>
internal sealed class SuppressionPhasesBenchmark : IBenchmark
{
    public string Name => "sdc-phases";

    public string Description => "time of each step of suppression + audit on one table; options: --db FILE --by DIMS --indicator ID --runs R";

    public int Run(string[] args)
    {
        var db = StringOption(args, "--db") ?? throw new ArgumentException("--db FILE is required");
        var by = (StringOption(args, "--by") ?? "village,migratory_status,sex,age_group").Split(',');
        var indicator = StringOption(args, "--indicator") ?? "population";
        var runs = int.Parse(StringOption(args, "--runs") ?? "9", CultureInfo.InvariantCulture);
        using var store = SqliteMosaicStore.Open(db);
        var snapshot = RegistrySnapshotLoader.LoadAsync(store).GetAwaiter().GetResult();
        var tabulator = new Tabulator(snapshot, IndicatorCatalogue.Shipped);
        var request = new TabulationRequest(indicator, by);
        Console.WriteLine($"sdc-phases: {indicator} by {string.Join(" × ", by)}, {snapshot.PersonCount:N0} persons, load {Load()}");

        var process = Process.GetCurrentProcess();
        var coldCounting = Stopwatch.StartNew();
        _ = tabulator.Tabulate(request with { MinimumCellSize = 1 });
        Console.WriteLine($"first Tabulate counting only (cold: population filter, counting code): {coldCounting.Elapsed.TotalMilliseconds:F1} ms wall");
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var cold = Stopwatch.StartNew();
        var first = tabulator.Tabulate(request);
        cold.Stop();
        process.Refresh();
        Console.WriteLine($"then the first Tabulate with suppression (disclosure code cold): {cold.Elapsed.TotalMilliseconds:F1} ms wall, " +
                          $"{(process.TotalProcessorTime - cpu0).TotalMilliseconds:F0} ms CPU; {first.PrimarySuppressedCells} primary + {first.SecondarySuppressedCells} secondary");
        var counting = Mosaic.Benchmarks.Tabulation.Stats.Time(runs, () => tabulator.Tabulate(request with { MinimumCellSize = 1 }));
        var gen0 = GC.CollectionCount(0);
        var gen2 = GC.CollectionCount(2);
        var allocated = GC.GetTotalAllocatedBytes(true);
        var cpuBefore = ThreadCpuMs();
        var whole = Mosaic.Benchmarks.Tabulation.Stats.Time(runs, () => tabulator.Tabulate(request));
        Console.WriteLine($"Tabulate with suppression: {(ThreadCpuMs() - cpuBefore) / runs:F1} ms CPU of the thread per run (mean), " +
                          $"{(GC.GetTotalAllocatedBytes(true) - allocated) / runs / 1e6:F1} MB allocated per run, {GC.CollectionCount(0) - gen0} gen-0 and {GC.CollectionCount(2) - gen2} gen-2 collections in {runs} runs");
        Console.WriteLine($"Tabulate median {whole.MedianMs:F1} ms (min {whole.MinMs:F1}), counting only {counting.MedianMs:F1} ms (min {counting.MinMs:F1})");

        var counted = counting.Last;
        var table = new LinkedTable([.. counted.Dimensions.Select(d => d.Codes.Count)]);
        var contributors = counted.Cells.Select(c => c.Contributors).ToArray();
        var rule = new DisclosureRule(request.MinimumCellSize, "person");
        var layers = new List<ProtectionLayer> { ProtectionLayer.Count("count", Array.ConvertAll(contributors, c => (double)c), contributors, rule.MinimumContributors) };
        var phases = new Dictionary<string, List<double>>();
        CellStatus[] status = [];
        for (var run = 0; run < runs; run++)
        {
            var sw = Stopwatch.StartNew();
            s_lastCpu = ThreadCpuMs();
            status = new CellStatus[table.Size];
            PrimarySuppression.Apply(new CellFacts(contributors), rule, status);
            var primaries = Enumerable.Range(0, status.Length).Where(i => status[i] == CellStatus.PrimarySuppressed).ToList();
            primaries.Sort((a, b) =>
            {
                var c = table.TotalCount(a).CompareTo(table.TotalCount(b));
                return c != 0 ? c : a.CompareTo(b);
            });
            Lap(phases, "primary rules", sw);
            var search = new HypercubeSearch(table, contributors, status, layers);
            search.Run(primaries, DisclosureControl.SearchBudget);
            Lap(phases, "hypercube search", sw);
            PatternCleanup.Run(table, contributors, status, layers, search);
            Lap(phases, "cleanup pass", sw);
            var suppressed = Enumerable.Range(0, status.Length).Where(i => status[i] != CellStatus.Published).ToList();
            var proven = 0;
            foreach (var cell in suppressed)
            {
                if (search.HasSuppressedValidBox(cell))
                    proven++;
            }
            Lap(phases, "  (audit part) box proofs of every suppressed cell", sw);
            _ = new SuppressedSystem(table, status);
            Lap(phases, "  (audit part) SuppressedSystem", sw);
            var audit = LinearAudit.Run(table, status, layers, search.HasSuppressedValidBox);
            Lap(phases, "audit (LinearAudit.Run, whole)", sw);
            _ = TableProtection.Start(table, new CellFacts(contributors), layers, rule).Outcome();
            Lap(phases, "all of TableProtection.Start (as the tabulator runs it)", sw);
            if (run == 0)
                Console.WriteLine($"audit: passed {audit.Passed}, {audit.LinearProgrammes} LPs, {proven} of {suppressed.Count} proven by box");
        }
        Console.WriteLine();
        Console.WriteLine("| step (CPU of the thread) | median ms | min ms |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (name, times) in phases)
        {
            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {times[times.Count / 2]:F2} | {times[0]:F2} |"));
        }
        var same = whole.Last.Cells.Select(c => c.Status).SequenceEqual(status);
        Console.WriteLine($"pattern of the steps equals the tabulator's: {same}; load {Load()}");
        return same ? 0 : 1;
    }

    private static double s_lastCpu;

    /// <summary>Records the CPU time of this thread since the last lap (steady under load, unlike wall time).</summary>
    private static void Lap(Dictionary<string, List<double>> phases, string name, Stopwatch sw)
    {
        var cpu = ThreadCpuMs();
        if (!phases.TryGetValue(name, out var list))
            phases[name] = list = [];
        list.Add(cpu - s_lastCpu);
        s_lastCpu = ThreadCpuMs();
        sw.Restart();
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    /// <summary>CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID), in ms; Linux only, like the other harnesses.</summary>
    internal static double ThreadCpuMs()
    {
        if (ClockGetTime(3, out var t) != 0)
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        return t.Seconds * 1e3 + t.Nanoseconds / 1e6;
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Trim();

    private static string? StringOption(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
