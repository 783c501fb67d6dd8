using System.Diagnostics;
using Mosaic.Core.Hazards;
using Mosaic.Core.Tabulation;
using Mosaic.Core.Vulnerability;
using Mosaic.Storage.Sqlite;

namespace Mosaic.Benchmarks.Commands;

/// <summary>
/// Where a <c>mosaic score</c> process spends its time, in-process and cold (the first call of each step includes its
/// JIT, as in a fresh CLI process): open, snapshot load with the scoring columns, exposure + scoring + ranking over
/// the columns, writing the score rows, refreshing the image. Wall and CPU (user + sys of the process) per step.
/// Writes to the database given: use a copy.
/// </summary>
internal sealed class ScorePhasesBenchmark : IBenchmark
{
    public string Name => "score-phases";

    public string Description => "phases of mosaic score from the snapshot columns, cold, in one process (writes: use a copy)";

    public int Run(string[] args)
    {
        var db = args.Length > 0 ? args[0] : throw new ArgumentException("usage: score-phases DB");
        var clock = Stopwatch.StartNew();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        void Step(string what)
        {
            process.Refresh();
            var now = process.TotalProcessorTime;
            Console.WriteLine($"{what,-34} {clock.Elapsed.TotalMilliseconds,9:F0} ms wall {(now - cpu).TotalMilliseconds,9:F0} ms CPU {process.PeakWorkingSet64 >> 20,5} MiB peak {GC.GetTotalMemory(false) >> 20,5} MiB managed {GC.GetGCMemoryInfo().TotalCommittedBytes >> 20,5} MiB committed {GC.CollectionCount(2)} gen2");
            (cpu, clock) = (now, Stopwatch.StartNew());
        }
        using var store = SqliteMosaicStore.Open(db);
        Step("open + migrate");
        var index = HazardIndex.Build(store.Hazards.ReadLayersAsync().GetAwaiter().GetResult());
        var areas = store.Areas.AllAsync(withBoundaries: true).GetAwaiter().GetResult();
        Step("hazard layers + areas");
        var source = (IPersistedSnapshotSource)store.Registry;
        var load = PersistedSnapshots.LoadAsync(source, areas, scoring: true, SnapshotProjection.Scoring).GetAwaiter().GetResult();
        Step($"snapshot ({load.Kind}, {load.Snapshot.HouseholdCount} households)");
        var model = DefaultVulnerabilityModel.Model;
        if (args.Contains("--split"))
        {
            // The parts of the scoring step on their own (each cold), then the whole step again (warm).
            var snapshot = load.Snapshot;
            var exposures = new ExposureColumns(snapshot.HouseholdCount);
            var start = exposures.Append(snapshot.HouseholdCount);
            new ExposureCalculator(index, areas.Where(a => a.Boundary is not null)).ComputeInto(snapshot.HouseholdCount,
                i => snapshot.Areas.Pcodes[snapshot.Area[i]], snapshot.Scoring!.Longitude, snapshot.Scoring.Latitude, exposures, start);
            Step("  exposure alone");
            var keys = new string[snapshot.HouseholdCount];
            for (var i = 0; i < keys.Length; i++)
                keys[i] = snapshot.Scoring.SubmissionId(i);
            Step("  submission ids alone");
            var ancestry = new AreaAncestry(areas);
            var chains = new string[snapshot.HouseholdCount][];
            for (var i = 0; i < chains.Length; i++)
                chains[i] = ancestry.Of(snapshot.Areas.Pcodes[snapshot.Area[i]]);
            Step("  area chains alone");
        }
        var run = ColumnScoring.Run(load.Snapshot, model, index, areas);
        Step("exposure + score + rank");
        if (args.Contains("--split"))
        {
            var scores = new double[run.Count];
            var keys = new string[run.Count];
            for (var i = 0; i < run.Count; i++)
                (scores[i], keys[i]) = (run.Overall(i), run.SubmissionId(i));
            HouseholdRanking.Order(scores, keys);
            Step("  rank order alone");
        }
        store.Scores.SaveRunAsync(model, run, DateTimeOffset.UtcNow).GetAwaiter().GetResult();
        Step("write score rows");
        ScoreSnapshotFields.RefreshAsync(source, load, run).GetAwaiter().GetResult();
        Step("refresh image");
        return 0;
    }
}
