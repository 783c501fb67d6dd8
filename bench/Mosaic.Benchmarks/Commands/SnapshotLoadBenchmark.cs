using System.Diagnostics;
using Mosaic.Core.Indicators;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Sqlite;

namespace Mosaic.Benchmarks.Commands;

/// <summary>
/// Where a <c>tabulate</c> process spends its time once the snapshot is persisted, in-process and cold (the first
/// call of each step includes its JIT, as in a fresh CLI process): open, coverage, image read, checksum + parse, tabulate.
/// </summary>
internal sealed class SnapshotLoadBenchmark : IBenchmark
{
    public string Name => "snapshot-load";

    public string Description => "phases of reading a persisted snapshot and tabulating, cold, in one process";

    public int Run(string[] args)
    {
        var db = args.Length > 0 ? args[0] : throw new ArgumentException("usage: snapshot-load DB");
        var clock = Stopwatch.StartNew();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        void Step(string what)
        {
            process.Refresh();
            var now = process.TotalProcessorTime;
            Console.WriteLine($"{what,-28} {clock.Elapsed.TotalMilliseconds,8:F1} ms wall {(now - cpu).TotalMilliseconds,8:F1} ms CPU, peak {process.PeakWorkingSet64 >> 20} MiB");
            (cpu, clock) = (now, Stopwatch.StartNew());
        }
        using var store = SqliteMosaicStore.Open(db);
        Step("open + migrate");
        var source = (IPersistedSnapshotSource)store.Registry;
        var areas = store.Areas.AllAsync().GetAwaiter().GetResult();
        Step("areas");
        var coverage = source.CurrentCoverageAsync().GetAwaiter().GetResult();
        Step("coverage");
        if (args.Contains("--split"))
        {
            // The image's bytes alone through a 64 KiB buffer (SQLite's blob reads), then XxHash3 of as many bytes in memory.
            using (var raw = source.OpenImageAsync().GetAwaiter().GetResult()!)
            {
                var buffer = new byte[1 << 16];
                while (raw.Read(buffer) > 0)
                {
                }
                Step($"blob read only ({raw.Length >> 20} MiB)");
                var bytes = new byte[64 << 20];
                ulong h = 0;
                for (var left = raw.Length; left > 0; left -= bytes.Length)
                    h ^= System.IO.Hashing.XxHash3.HashToUInt64(bytes.AsSpan(0, (int)Math.Min(left, bytes.Length)));
                Step($"XxHash3 of as many bytes ({h & 1})");
            }
        }
        using var image = source.OpenImageAsync().GetAwaiter().GetResult() ?? throw new InvalidOperationException("no image: run mosaic tabulate once");
        var megabytes = image.Length / 1048576.0;
        var read = SnapshotImage.TryRead(image, areas, scoring: false) ?? throw new InvalidOperationException("image unusable");
        Step($"read + check + parse ({megabytes:F1} MiB)");
        Console.WriteLine($"image covers the store: {read.Coverage.SameContent(coverage)}");
        clock.Restart();
        var result = new Tabulator(read.Snapshot, IndicatorCatalogue.Shipped).Tabulate(
            new TabulationRequest("population", ["adm4", "migratory_status", "sex", "age_group"]));
        Step($"tabulate ({result.Cells.Count} cells)");
        return 0;
    }
}
