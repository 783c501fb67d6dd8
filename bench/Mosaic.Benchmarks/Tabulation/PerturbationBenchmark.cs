using System.Diagnostics;
using System.Globalization;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Sqlite;

namespace Mosaic.Benchmarks.Tabulation;

/// <summary>
/// Cell-key perturbation on the demo: the time of the 4-dimension table (population by village × status × sex ×
/// age group, all totals) perturbed, beside counting only, in the same run on the same snapshot; and the utility
/// of the default perturbation table on a set of demo tables (cells changed, mean absolute change), measured against
/// the true counts that stay inside Mosaic.
/// </summary>
internal sealed class PerturbationBenchmark : IBenchmark
{
    public string Name => "perturbation";

    public string Description => "cell-key perturbation of the 4-dimension demo table vs counting only; utility figures on demo tables";

    private static readonly (string Indicator, string[] By)[] s_tables =
    [
        ("population", ["adm4", "migratory_status", "sex", "age_group"]),
        ("population", ["village", "migratory_status", "sex", "age_group"]),
        ("population", ["village", "sex"]),
        ("returnees", ["village", "sex", "age_group"]),
        ("persons_with_disability", ["village", "sex", "age_group"]),
        ("households", ["adm4", "head_sex"]),
        ("hh_income_fell_20pct", ["village", "head_sex"]),
    ];

    public int Run(string[] args)
    {
        var households = Option(args, "--households", 230_000);
        var runs = Option(args, "--runs", 9);
        var db = args.SkipWhile(a => a != "--db").Skip(1).FirstOrDefault() ?? Path.Combine(Path.GetTempPath(), $"mosaic-bench-{households}.db");
        Console.WriteLine($"perturbation benchmark: {households:N0} households, {runs} runs, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        if (!File.Exists(db))
            TabulationBenchmark.LoadSqlite(db, households);
        using var store = SqliteMosaicStore.Open(db);
        var build = Stopwatch.StartNew();
        var snapshot = RegistrySnapshotLoader.LoadAsync(store).GetAwaiter().GetResult();
        Console.WriteLine($"snapshot: {snapshot.PersonCount:N0} persons, built in {build.Elapsed.TotalSeconds:F1} s, record keys: {snapshot.HasRecordKeys}");
        var tabulator = new Tabulator(snapshot, IndicatorCatalogue.Shipped);
        var d = PerturbationParameters.Default;
        var parameters = new PerturbationParameters(Option(args, "--D", d.MaximumNoise), Number(args, "--V", d.Variance),
            Option(args, "--js", d.BlockedUpTo), Number(args, "--pstay", d.StayProbability));
        var table = PerturbationTable.Create(parameters);
        Console.WriteLine($"perturbation table: {parameters}");

        var request = new TabulationRequest("population", s_tables[1].By);
        _ = tabulator.Tabulate(request with { MinimumCellSize = 1 });
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var counting = Stats.Time(runs, () => tabulator.Tabulate(request with { MinimumCellSize = 1 }));
        var cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
        _ = tabulator.Tabulate(request with { Method = DisclosureMethod.Perturbation, Perturbation = table });
        var cpu2 = Process.GetCurrentProcess().TotalProcessorTime;
        var perturbed = Stats.Time(runs, () => tabulator.Tabulate(request with { Method = DisclosureMethod.Perturbation, Perturbation = table }));
        var cpu3 = Process.GetCurrentProcess().TotalProcessorTime;
        Console.WriteLine($"process CPU per run (mean): counting only {(cpu1 - cpu0).TotalMilliseconds / runs:F1} ms, perturbation {(cpu3 - cpu2).TotalMilliseconds / runs:F1} ms; " +
                          $"load {File.ReadAllText("/proc/loadavg").Trim()}");
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine("| persons | cells | counting only (median) | perturbation (median) | ratio |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(inv,
            $"| {snapshot.PersonCount:N0} | {perturbed.Last.Cells.Count:N0} | {counting.MedianMs:F1} ms | {perturbed.MedianMs:F1} ms | {perturbed.MedianMs / counting.MedianMs:F2}× |"));

        Console.WriteLine();
        Console.WriteLine("| indicator | by | cells | non-empty cells | of them 1–2 | changed | changed (of all cells) | changed (of non-empty) | mean absolute change (non-empty) | largest change |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (indicator, by) in s_tables)
        {
            var result = tabulator.Tabulate(new TabulationRequest(indicator, by) { Method = DisclosureMethod.Perturbation, Perturbation = table });
            var u = Utility(result);
            Console.WriteLine(string.Create(inv,
                $"| `{indicator}` | {string.Join(" × ", by)} | {result.Cells.Count:N0} | {u.NonEmpty:N0} | {u.Small:N0} | {u.Changed:N0} | {(double)u.Changed / result.Cells.Count:P1} | {u.ChangedShare:P1} | {u.MeanAbsolute:F3} | {u.Largest} |"));
        }
        return 0;
    }

    /// <summary>Utility of a perturbed table against its true counts (for shares: the denominators).</summary>
    private static (int NonEmpty, int Small, int Changed, double ChangedShare, double MeanAbsolute, long Largest) Utility(TabulationResult result)
    {
        int nonEmpty = 0, small = 0, changed = 0;
        double absolute = 0;
        long largest = 0;
        foreach (var cell in result.Cells)
        {
            if (cell.Contributors == 0)
                continue;
            nonEmpty++;
            if (cell.Contributors <= 2)
                small++;
            var published = (long)(result.IsShare ? cell.Denominator ?? 0 : cell.Value ?? 0);
            var change = Math.Abs(published - cell.Contributors);
            if (change != 0)
                changed++;
            absolute += change;
            largest = Math.Max(largest, change);
        }
        return (nonEmpty, small, changed, nonEmpty == 0 ? 0 : (double)changed / nonEmpty, nonEmpty == 0 ? 0 : absolute / nonEmpty, largest);
    }

    private static double Number(string[] args, string name, double fallback) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    private static int Option(string[] args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
