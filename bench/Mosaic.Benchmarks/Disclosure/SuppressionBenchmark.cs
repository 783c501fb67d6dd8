using System.Diagnostics;
using System.Globalization;
using Mosaic.Core.Demo;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators;
using Mosaic.Benchmarks.Postgres;
using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Sqlite;

namespace Mosaic.Benchmarks.Disclosure;

/// <summary>
/// Suppression with its LP audit on demo tables, beside the counting-only time (<c>--min-cell 1</c>) of the same
/// table in the same run, with the information loss of each method: cells suppressed (primary and secondary, known
/// here but never published) and the share of persons in suppressed cells. The demo is generated in memory
/// (<see cref="DemoGenerator"/>, as <c>mosaic demo --households N --seed S</c>) or read from an existing store.
/// </summary>
internal sealed class SuppressionBenchmark : IBenchmark
{
    public string Name => "suppression";

    public string Description => "secondary suppression + LP audit (unsafe baseline, hypercube, optimal) vs counting only, with information loss; options: --households N --seed S --runs R --by DIMS --indicator ID --methods LIST --time-limit SECONDS --log --no-stages --joint-scip --cpsat PARAMS --uphill P --db FILE --two-divisions --write-db FILE";

    public int Run(string[] args)
    {
        var households = IntOption(args, "--households", 20_000);
        var seed = IntOption(args, "--seed", (int)DemoOptions.DefaultSeed);
        var runs = IntOption(args, "--runs", 3);
        var by = (StringOption(args, "--by") ?? "adm4,migratory_status,sex,age_group").Split(',');
        var indicator = StringOption(args, "--indicator") ?? "population";
        var methods = (StringOption(args, "--methods") ?? "unsafe,hypercube,optimal").Split(',');
        var db = StringOption(args, "--db");
        var timeLimit = TimeSpan.FromSeconds(IntOption(args, "--time-limit", DisclosureRule.DefaultOptimalTimeLimitSeconds));
        // --log: the optimal method's progress per stage and round; --no-stages: the cutting planes alone, from the fast pattern.
        if (args.Contains("--log"))
            OptimalSuppression.Log = line => Console.WriteLine($"  [{DateTime.UtcNow:HH:mm:ss}] {line}");
        OptimalSuppression.Stages = !args.Contains("--no-stages");
        // --joint-scip: the joint choice of boxes by SCIP instead of CP-SAT.
        JointBoxes.UseCpSat = !args.Contains("--joint-scip");
        // --cpsat "PARAMS": more CP-SAT parameters for the joint boxes (text format, e.g. "log_search_progress:true").
        JointBoxes.CpSatParameters = StringOption(args, "--cpsat") ?? "";
        // --lns N: passes of the neighbourhood search (0: none).
        if (StringOption(args, "--lns") is { } lns)
            OptimalSuppression.NeighbourhoodPasses = int.Parse(lns, CultureInfo.InvariantCulture);
        if (StringOption(args, "--nodes") is { } nodes)
            NeighbourhoodSearch.NodeLimit = long.Parse(nodes, CultureInfo.InvariantCulture);
        if (StringOption(args, "--scip") is { } scip)
            NeighbourhoodSearch.ScipParameters = scip.Replace(";", "\n", StringComparison.Ordinal) + "\n";
        if (StringOption(args, "--rounds") is { } rounds)
            NeighbourhoodSearch.MaximumRounds = int.Parse(rounds, CultureInfo.InvariantCulture);
        if (StringOption(args, "--cuts-per-round") is { } perRound)
            NeighbourhoodSearch.CutsPerRound = int.Parse(perRound, CultureInfo.InvariantCulture);
        // --joint: the joint choice of boxes by CP-SAT first (as before lp19).
        OptimalSuppression.JointStage = args.Contains("--joint");
        if (StringOption(args, "--relaxation-rounds") is { } relaxationRounds)
            OptimalSuppression.RelaxationRounds = int.Parse(relaxationRounds, CultureInfo.InvariantCulture);
        if (StringOption(args, "--solves") is { } solves)
            NeighbourhoodSearch.MaximumSolves = int.Parse(solves, CultureInfo.InvariantCulture);
        if (StringOption(args, "--swaps") is { } swaps)
            OptimalSuppression.BoxSwapTries = int.Parse(swaps, CultureInfo.InvariantCulture);
        // --uphill P: the share of moves one cell worse that the box swaps take.
        if (StringOption(args, "--uphill") is { } uphill)
            BoxSwapSearch.Uphill = double.Parse(uphill, CultureInfo.InvariantCulture);

        var build = Stopwatch.StartNew();
        var twoDivisions = args.Contains("--two-divisions");
        if (StringOption(args, "--write-db") is { } file)
        {
            // The registry as a SQLite file, for timing whole `mosaic tabulate` commands on it.
            using var store = SqliteMosaicStore.Open(file);
            var stored = twoDivisions ? TwoDivisionRegistry.Load(store, households, seed) : LoadDemo(store, households, seed);
            Console.WriteLine($"{file}: {stored.Households:N0} households, {stored.Persons:N0} persons");
            return 0;
        }
        var snapshot = db is not null ? RegistrySnapshotLoader.LoadAsync(SqliteMosaicStore.Open(db)).GetAwaiter().GetResult()
            : twoDivisions ? Build(TwoDivisionRegistry.Areas(seed), TwoDivisionRegistry.Households(households, seed))
            : Generate(households, seed);
        build.Stop();
        Console.WriteLine($"suppression benchmark: {indicator} by {string.Join(" × ", by)}; {snapshot.PersonCount:N0} persons, " +
                          $"{snapshot.HouseholdCount:N0} households (seed {seed}), snapshot in {build.Elapsed.TotalSeconds:F1} s; " +
                          $"{Environment.ProcessorCount} cores, load {Load()}");
        var tabulator = new Tabulator(snapshot, IndicatorCatalogue.Shipped);
        var request = new TabulationRequest(indicator, by);
        tabulator.Tabulate(request with { MinimumCellSize = 1 });
        var counting = Time(runs, () => tabulator.Tabulate(request with { MinimumCellSize = 1 }));
        Console.WriteLine();
        Console.WriteLine("| method | cells | primary | secondary | suppressed | persons in suppressed cells | audit LPs | median time | counting only | ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var m in methods)
        {
            if (m == "unsafe")
            {
                UnsafeBaseline(counting.Result, runs);
                continue;
            }
            var secondary = m == "optimal" ? SecondaryMethod.Optimal : SecondaryMethod.Hypercube;
            var r = request with { Secondary = secondary, OptimalTimeLimit = timeLimit };
            var (ms, result) = Time(secondary == SecondaryMethod.Optimal ? 1 : runs, () => tabulator.Tabulate(r));
            if (result.Audit is { Passed: false })
                throw new InvalidOperationException("the audit did not pass");
            var hidden = result.TotalContributors == 0 ? 0 : 100.0 * result.SuppressedContributors / result.TotalContributors;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {m} | {result.Cells.Count:N0} | {result.PrimarySuppressedCells:N0} | {result.SecondarySuppressedCells:N0} | " +
                $"{result.SuppressedCells:N0} ({100.0 * result.SuppressedCells / result.Cells.Count:F1}%) | {hidden:F1}% | {result.Audit?.LinearProgrammes ?? 0:N0} | " +
                $"{Format(ms)} | {Format(counting.Ms)} | {ms / counting.Ms:F1}× |"));
            if (result.Optimal is { } search)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"optimal search: {(search.Proven ? "proven optimal" : search.TimeLimitReached ? "time limit reached" : "work budgets ended, not proven")}, {search.Cells} cells, lower bound {search.LowerBound}, " +
                    $"{search.Rounds} MIP solves, {search.Cuts} cuts, {search.Elapsed.TotalSeconds:F1} s (limit {timeLimit.TotalSeconds:F0} s), " +
                    $"joint boxes {(search.JointBoxCells < 0 ? "-" : search.JointBoxCells.ToString(CultureInfo.InvariantCulture))}, re-published {search.Republished}, box swaps {search.BoxSwaps}, neighbourhoods {search.Neighbourhoods}, load {Load()}"));
            }
        }
        return 0;
    }

    /// <summary>
    /// The information-loss baseline: the earlier, unsafe hypercube on the same table's contributors (its pattern is not
    /// audited here: without the true values the audit solves two LPs per cell).
    /// </summary>
    private static void UnsafeBaseline(TabulationResult counted, int runs)
    {
        var table = new LinkedTable([.. counted.Dimensions.Select(d => d.Codes.Count)]);
        var contributors = counted.Cells.Select(c => c.Contributors).ToArray();
        var suppressed = UnsafeHypercube.Suppress(table, contributors, DisclosureRule.DefaultMinimumContributors);
        var (ms, _) = Time(runs, () =>
        {
            UnsafeHypercube.Suppress(table, contributors, DisclosureRule.DefaultMinimumContributors);
            return counted;
        });
        var primary = contributors.Count(c => c > 0 && c < DisclosureRule.DefaultMinimumContributors);
        var count = suppressed.Count(s => s);
        long hidden = 0;
        for (var i = 0; i < table.Size; i++)
        {
            if (suppressed[i] && table.TotalCount(i) == 0)
                hidden += contributors[i];
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| unsafe (earlier versions) | {table.Size:N0} | {primary:N0} | {count - primary:N0} | " +
            $"{count:N0} ({100.0 * count / table.Size:F1}%) | {100.0 * hidden / contributors[^1]:F1}% | — | {Format(ms)} | — | — |"));
    }

    private static RegistrySnapshot Generate(int households, int seed)
    {
        var demo = new DemoGenerator(new DemoOptions { Households = households, Seed = seed });
        return Build(demo.Areas(), demo.Households());
    }

    private static Core.Storage.RegistrationCommitted LoadDemo(SqliteMosaicStore store, int households, int seed)
    {
        var demo = new DemoGenerator(new DemoOptions { Households = households, Seed = seed });
        store.Areas.UpsertAsync(demo.Areas()).GetAwaiter().GetResult();
        return store.Registry.ImportAsync($"demo (seed {seed})", demo.Households()).GetAwaiter().GetResult();
    }

    private static RegistrySnapshot Build(IEnumerable<Core.Areas.Area> areas, IEnumerable<Core.Registry.Household> households)
    {
        var builder = new RegistrySnapshotBuilder(areas);
        foreach (var h in households)
            builder.Add(h, []);
        return builder.Build();
    }

    private static (double Ms, TabulationResult Result) Time(int runs, Func<TabulationResult> work)
    {
        var times = new List<double>();
        TabulationResult? last = null;
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            last = work();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[times.Count / 2], last!);
    }

    private static string Format(double ms) =>
        ms >= 10_000 ? string.Create(CultureInfo.InvariantCulture, $"{ms / 1000:F1} s") : string.Create(CultureInfo.InvariantCulture, $"{ms:F0} ms");

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static int IntOption(string[] args, string name, int fallback) =>
        StringOption(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    private static string? StringOption(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
