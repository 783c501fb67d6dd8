using System.Globalization;
using DuckDB.NET.Data;
using Mosaic.Core.Areas;
using Mosaic.Core.Areas.Import;
using Mosaic.Core.Import;
using Mosaic.Core.Mobility;
using Mosaic.Core.Mobility.Analysis;
using Mosaic.Core.Mobility.Import;
using Mosaic.Storage.Sqlite;

namespace Mosaic.Benchmarks;

/// <summary>
/// Issue 5: (1) import every file of <c>tests/data/dtm</c> (DTM API JSON, HDX HXL CSV, HAPI CSV) into a store
/// holding the global P-code table; (2) <c>mobility summary --compare</c> over 1,000,000 flow observations and
/// 100,000 assessment records, against DuckDB (in memory) running the same aggregations on the same rows.
/// </summary>
public sealed class MobilityBenchmark : IBenchmark
{
    private const int Points = 20;
    private const int Days = 365;
    private const int GroupsPerProfile = 10;
    private const int Locations = 10_000;
    private const int Rounds = 10;

    public string Name => "mobility";

    public string Description => "DTM import of tests/data/dtm; mobility summary --compare on 1M flows + 100k assessments vs DuckDB; options: --runs R, --part import|summary";

    public int Run(string[] args)
    {
        var runs = 7;
        string? part = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--runs")
                runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            else if (args[i] == "--part")
                part = args[i + 1];
        }
        Console.WriteLine($"machine: {Harness.Machine()}; load average {LoadAverage()}");
        if (part is null or "import")
            ImportDtm(runs);
        if (part is null or "summary")
            Summary(runs);
        Console.WriteLine($"load average at the end: {LoadAverage()}");
        return 0;
    }

    private static void ImportDtm(int runs)
    {
        var data = Path.GetFullPath("tests/data");
        var work = Path.Combine(Path.GetTempPath(), "mosaic-bench-mobility");
        Directory.CreateDirectory(work);
        var template = Path.Combine(work, "pcodes.db");
        if (!File.Exists(template))
        {
            using var store = SqliteMosaicStore.Open(template);
            AreaImporter.ImportAsync(store.Areas, ImportSource.FromFile(Path.Combine(data, "cod", "global-pcodes-adm-1-2.csv"))).GetAwaiter().GetResult();
        }
        // Copies of the inputs, so the errors files the importer may write never land in tests/data.
        var inputs = Directory.GetFiles(Path.Combine(data, "dtm")).Where(f => !f.EndsWith(".errors.csv", StringComparison.Ordinal))
            .Select(f => { var c = Path.Combine(work, Path.GetFileName(f)); File.Copy(f, c, true); return c; }).Order(StringComparer.Ordinal).ToList();
        long records = 0;
        var times = new List<TimeSpan>();
        var cpu = new List<TimeSpan>();
        for (var r = 0; r < runs + 1; r++)
        {
            var db = Path.Combine(work, "dtm.db");
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(db + suffix);
            File.Copy(template, db);
            using var store = SqliteMosaicStore.Open(db);
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var cpu0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            records = 0;
            foreach (var input in inputs)
            {
                var result = DtmImporter.ImportAsync(store.Areas, store.Mobility, ImportSource.FromFile(input)).GetAwaiter().GetResult();
                if (result.Errors.Count > 0)
                    throw new InvalidOperationException($"{input}: {result.Errors[0]}");
                records += result.RecordsRead;
            }
            if (r > 0)
            {
                times.Add(sw.Elapsed);
                cpu.Add(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu0);
            }
        }
        Console.WriteLine($"import dtm: {inputs.Count} files, {records:N0} records: median {Harness.Median(times).TotalMilliseconds:F0} ms " +
                          $"(runs: {string.Join(", ", times.Select(t => t.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)))}); CPU time median {Harness.Median(cpu).TotalMilliseconds:F0} ms");
    }

    private static void Summary(int runs)
    {
        var db = Path.Combine(Path.GetTempPath(), "mosaic-bench-mobility", "summary.db");
        if (!File.Exists(db))
        {
            Console.WriteLine("generating 1,000,000 flow observations and 100,000 assessments …");
            using var store = SqliteMosaicStore.Open(db);
            store.Areas.UpsertAsync(BenchAreas()).GetAwaiter().GetResult();
            store.Mobility.UpsertAssessmentsAsync(BenchAssessments().ToList()).GetAwaiter().GetResult();
            store.Mobility.UpsertFlowsAsync(BenchPoints(), BenchObservations().ToList()).GetAwaiter().GetResult();
        }
        using (var store = SqliteMosaicStore.Open(db))
        {
            var options = new SummaryOptions(Round: Rounds - 1, Compare: Rounds, Level: 1, SplitDate: new DateOnly(2024, 7, 1));
            SummaryReport? report = null;
            var cpu = new List<TimeSpan>();
            var times = Harness.Time(() => cpu.Add(CpuTime(() => report = MobilitySummary.RunAsync(store, options).GetAwaiter().GetResult())), runs);
            cpu.RemoveAt(0);
            Console.WriteLine($"mobility summary --round {Rounds - 1} --compare {Rounds} --level adm1 --split-date 2024-07-01 " +
                              $"({store.Mobility.CountFlowObservationsAsync().GetAwaiter().GetResult():N0} observations, {store.Mobility.CountAssessmentsAsync().GetAwaiter().GetResult():N0} assessments): " +
                              $"median {Harness.Median(times).TotalMilliseconds:F0} ms, CPU time median {Harness.Median(cpu).TotalMilliseconds:F0} ms; {report!.Changes.Count} change rows, {report.Flows.Count} points");
            var full = Harness.Time(() => MobilitySummary.RunAsync(store, new SummaryOptions(Level: 1)).GetAwaiter().GetResult(), runs);
            Console.WriteLine($"mobility summary (every round, no compare): median {Harness.Median(full).TotalMilliseconds:F0} ms");
        }
        DuckDbPeer(runs);
    }

    private static void DuckDbPeer(int runs)
    {
        using var duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        Exec(duck, "CREATE TABLE obs (point VARCHAR, date DATE, direction VARCHAR, reason VARCHAR, traveller VARCHAR, total INTEGER)");
        Exec(duck, "CREATE TABLE assessment (operation VARCHAR, level INTEGER, round INTEGER, area VARCHAR, adm1 VARCHAR, pop VARCHAR, individuals BIGINT)");
        using (var appender = duck.CreateAppender("obs"))
        {
            foreach (var o in BenchObservations())
            {
                appender.CreateRow().AppendValue(o.PointCode).AppendValue(o.Date.ToDateTime(TimeOnly.MinValue)).AppendValue(MobilityCodes.Direction[o.Direction])
                    .AppendValue(MobilityCodes.Reason[o.Reason]).AppendValue(MobilityCodes.TravellerType[o.TravellerType]).AppendValue(o.Counts.Total).EndRow();
            }
        }
        using (var appender = duck.CreateAppender("assessment"))
        {
            foreach (var a in BenchAssessments())
            {
                foreach (var c in a.Counts)
                {
                    appender.CreateRow().AppendValue(a.Operation).AppendValue(a.Location.AdminLevel).AppendValue(a.Round).AppendValue(a.AreaPcode)
                        .AppendValue(a.Location.Admin1Pcode).AppendValue(MobilityCodes.PopulationType[c.Type]).AppendValue(c.Individuals).EndRow();
                }
            }
        }
        // The same figures the summary computes: totals per round, the compared rounds' locations, flows per point.
        string[] queries =
        [
            "SELECT operation, level, round, adm1, pop, sum(individuals), count(DISTINCT area) FROM assessment GROUP BY ALL",
            $"SELECT operation, adm1, pop, sum(individuals) FILTER (WHERE round = {Rounds - 1}), sum(individuals) FILTER (WHERE round = {Rounds}) FROM assessment WHERE round IN ({Rounds - 1}, {Rounds}) GROUP BY ALL",
            $"SELECT count(*) FROM (SELECT area FROM assessment WHERE round = {Rounds} EXCEPT SELECT area FROM assessment WHERE round = {Rounds - 1})",
            "SELECT point, direction, min(date), max(date), sum(total), sum(total) FILTER (WHERE date < DATE '2024-07-01') FROM obs GROUP BY ALL",
            "SELECT point, direction, reason, sum(total) FROM obs GROUP BY ALL",
            "SELECT point, direction, traveller, sum(total) FROM obs GROUP BY ALL",
        ];
        var cpu = new List<TimeSpan>();
        var times = Harness.Time(() => cpu.Add(CpuTime(() =>
        {
            foreach (var q in queries)
            {
                using var cmd = duck.CreateCommand();
                cmd.CommandText = q;
                using var r = cmd.ExecuteReader();
                while (r.Read())
                {
                }
            }
        })), runs);
        cpu.RemoveAt(0);
        // DuckDB runs its queries on every core: its CPU time is the sum over threads.
        Console.WriteLine($"peer: DuckDB in memory, same aggregations over the raw rows: median {Harness.Median(times).TotalMilliseconds:F0} ms, CPU time median {Harness.Median(cpu).TotalMilliseconds:F0} ms");
    }

    /// <summary>The 1/5/15-minute load averages (Linux), to quote beside wall times on a shared machine.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>CPU time of the process while the action ran (less sensitive than wall time to a shared, busy machine).</summary>
    private static TimeSpan CpuTime(Action action)
    {
        var before = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        action();
        return System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - before;
    }

    private static void Exec(DuckDBConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static IEnumerable<Area> BenchAreas()
    {
        yield return new Area("XBN", "Benchland", 0, null) { CountryCode = "XBN" };
        for (var p = 1; p <= 10; p++)
            yield return new Area($"XB{p:00}", $"Province {p}", 1, "XBN") { CountryCode = "XBN" };
        for (var l = 0; l < Locations; l++)
            yield return new Area($"XB{l % 10 + 1:00}{l:00000}", $"District {l}", 2, $"XB{l % 10 + 1:00}") { CountryCode = "XBN" };
    }

    private static IEnumerable<LocationAssessment> BenchAssessments()
    {
        var random = new Random(5);
        var start = new DateOnly(2022, 1, 31);
        for (var round = 1; round <= Rounds; round++)
        {
            for (var l = 0; l < Locations; l++)
            {
                // About 2% of locations drop out or join each round.
                if (random.NextDouble() < 0.02)
                    continue;
                var province = $"XB{l % 10 + 1:00}";
                var pcode = $"{province}{l:00000}";
                yield return new LocationAssessment
                {
                    RecordId = $"bench:{pcode}:{round}",
                    Dataset = "bench",
                    Operation = "Benchmark operation",
                    Round = round,
                    ReportingDate = start.AddMonths(3 * (round - 1)),
                    Location = new AssessmentLocation(2, "XBN", "Benchland", province, null, pcode, null),
                    AreaPcode = pcode,
                    Match = AreaMatch.Pcode,
                    Counts = [new PopulationCount(PopulationType.Idp, random.Next(0, 5000)), new PopulationCount(PopulationType.Returnee, random.Next(0, 800))],
                };
            }
        }
    }

    private static List<FlowMonitoringPoint> BenchPoints() =>
        [.. Enumerable.Range(1, Points).Select(p => new FlowMonitoringPoint($"FMP-{p:00}", $"Point {p}", FlowPointType.LandBorder, null, null, ["XBN", "XBO"]))];

    private static IEnumerable<FlowObservation> BenchObservations()
    {
        var random = new Random(7);
        (FlowReason, TravellerType)[] profiles =
        [
            (FlowReason.Trade, TravellerType.InformalTrader), (FlowReason.Work, TravellerType.MigrantWorker), (FlowReason.Family, TravellerType.Resident),
            (FlowReason.Return, TravellerType.Returnee), (FlowReason.Displacement, TravellerType.Displaced), (FlowReason.Other, TravellerType.Tourist),
            (FlowReason.Trade, TravellerType.Resident),
        ];
        var start = new DateOnly(2024, 1, 1);
        for (var p = 1; p <= Points; p++)
        {
            for (var d = 0; d < Days; d++)
            {
                var date = start.AddDays(d);
                foreach (var (reason, traveller) in profiles)
                {
                    foreach (var direction in new[] { FlowDirection.In, FlowDirection.Out })
                    {
                        for (var g = 0; g < GroupsPerProfile; g++)
                        {
                            var total = random.Next(1, 30);
                            yield return new FlowObservation($"b{p}:{d}:{(int)reason}{(int)traveller}:{(int)direction}:{g}", $"FMP-{p:00}", date, direction,
                                new FlowCounts(0, 0, total / 2, 0, 0, 0, total - total / 2, 0, total), null, null, null, reason, TransportMode.Foot, traveller);
                        }
                    }
                }
            }
        }
    }
}
