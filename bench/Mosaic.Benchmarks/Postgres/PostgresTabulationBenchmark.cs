using System.Globalization;
using Mosaic.Benchmarks.Commands;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Postgres;
using Mosaic.Storage.Sqlite;

namespace Mosaic.Benchmarks.Postgres;

/// <summary>
/// Issue 13: the same tabulation (<c>tabulate -i population --by adm4,migratory_status,sex,age_group --format csv</c>,
/// whole commands as child processes) on one registry of ~10 M persons, counted four ways in the same run: pushed down
/// to one PostgreSQL server (<c>--engine database</c>), by the in-memory engine reading that server
/// (<c>--engine memory</c>), pushed down to a 3-node cluster (coordinator + 2 shards set up by <c>mosaic cluster
/// init</c>, postgres_fdw) holding the same data, and optionally by the in-memory engine on an SQLite copy from its
/// persisted snapshot (<c>--sqlite</c>); plus DuckDB in memory on the same persons (query only, in-process).
/// Every table must equal the single server's pushed-down table byte for byte; DuckDB's total must equal its total.
/// </summary>
internal sealed class PostgresTabulationBenchmark : IBenchmark
{

    public string Name => "pg-tabulate";

    public string Description => "tabulation pushdown on PostgreSQL (~10M persons) vs in-memory vs DuckDB, 3-node vs 1-node; options: --households N --runs R --seed S --by DIMS --sqlite --mosaic PATH";

    public int Run(string[] args)
    {
        var households = int.Parse(Option(args, "--households") ?? "2190000", CultureInfo.InvariantCulture);
        var runs = int.Parse(Option(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        var seed = long.Parse(Option(args, "--seed") ?? "2026", CultureInfo.InvariantCulture);
        var mosaic = Option(args, "--mosaic") ?? Path.GetFullPath("src/Mosaic.Cli/bin/Release/net10.0/mosaic");
        var withSqlite = args.Contains("--sqlite");
        // The four-dimension table (as in `commands`) spends minutes in disclosure control on the two-division registry
        // (its LP audit, in Core, for every engine): --by adm4,migratory_status,sex measures the counting.
        var by = Option(args, "--by") ?? "adm4,migratory_status,sex";
        string[] s_tabulate = ["tabulate", "-i", "population", "--by", by, "--format", "csv"];
        Console.WriteLine($"machine: {Harness.Machine()}");
        Console.WriteLine($"load before: {PostgresImportBenchmark.Load()}");

        using var main = BenchServer.Start("bench-main");
        using var north = BenchServer.Start("bench-north");
        using var south = BenchServer.Start("bench-south");
        main.CreateDatabase("single");
        main.CreateDatabase("coordinator");
        var single = main.Uri("single");
        var coordinator = main.Uri("coordinator");
        ChildProcess.Run(mosaic, "init", "--db", single);
        ChildProcess.Run(mosaic, "cluster", "init", "--db", coordinator,
            "--shard", $"north={north.Uri("postgres")}@{TwoDivisionRegistry.NorthDivision}", "--shard", $"south={south.Uri("postgres")}");

        var stored = Timed("load the single server", () => LoadInto(main.ConnectionString("single"), households, seed));
        Console.WriteLine($"  {stored.Households:N0} households, {stored.Persons:N0} persons");
        Timed("load the cluster through its coordinator", () => LoadInto(main.ConnectionString("coordinator"), households, seed));
        foreach (var (server, db) in new[] { (main, "single"), (north, "postgres"), (south, "postgres") })
            server.Execute(db, "VACUUM ANALYZE");
        var onShards = new[] { north, south }.Select(s => Convert.ToInt64(s.Scalar("postgres", "SELECT count(*) FROM person"), CultureInfo.InvariantCulture)).ToList();
        Console.WriteLine($"  persons on the shards: north {onShards[0]:N0}, south {onShards[1]:N0}");

        string? sqlite = null;
        if (withSqlite)
        {
            sqlite = Path.Combine(Path.GetTempPath(), $"mosaic-pg-tabulate-{Environment.ProcessId}.db");
            Timed("load the SQLite copy", () =>
            {
                using var store = SqliteMosaicStore.Open(sqlite);
                return TwoDivisionRegistry.Load(store, households, seed);
            });
            Report("sqlite: first tabulate (builds and saves the snapshot)", [ChildProcess.Measure(mosaic, [.. s_tabulate, "--db", sqlite])]);
        }

        var ways = new List<(string Name, string[] Args)>
        {
            ("1 node, pushed down (--engine database)", [.. s_tabulate, "--engine", "database", "--db", single]),
            ("3 nodes, pushed down to the shards (--engine database)", [.. s_tabulate, "--engine", "database", "--db", coordinator]),
            ("1 node, in-memory engine reading PostgreSQL (--engine memory)", [.. s_tabulate, "--engine", "memory", "--db", single]),
        };
        if (sqlite is not null)
            ways.Add(("in-memory engine on SQLite, persisted snapshot", [.. s_tabulate, "--db", sqlite]));
        var results = ways.ToDictionary(w => w.Name, _ => new List<ChildProcess.Measurement>());
        var loads = new List<string>();
        for (var r = 0; r < runs; r++)
        {
            loads.Add(PostgresImportBenchmark.Load());
            foreach (var (name, a) in ways)
            {
                var m = ChildProcess.Measure(mosaic, a);
                results[name].Add(m);
                Console.WriteLine($"  run {r + 1}: {name}: {m.Wall.TotalSeconds:F2} s wall, {m.Cpu.TotalSeconds:F2} s CPU");
            }
        }
        var reference = results[ways[0].Name][^1].Output;
        foreach (var (name, list) in results)
        {
            if (list.Any(m => m.Output != reference))
                throw new InvalidOperationException($"{name}: the table differs from the single server's pushed-down table");
        }
        Console.WriteLine($"  every table is identical ({reference.Count(c => c == '\n') - 1:N0} cells)");
        var total = Convert.ToInt64(main.Scalar("single", "SELECT count(*) FROM person WHERE mig_status <> 'emigrant'"), CultureInfo.InvariantCulture);
        var published = GrandTotal(reference, by.Split(','));
        if (published is { } t && t != total)
            throw new InvalidOperationException($"the table's grand total is {t:N0}, the database holds {total:N0} residents");
        Console.WriteLine($"  grand total {(published is null ? "suppressed" : $"{published:N0}")}, residents in the database {total:N0}");

        RegistrySnapshot snapshot;
        using (var store = PostgresMosaicStore.OpenAsync(main.ConnectionString("single")).GetAwaiter().GetResult())
            snapshot = RegistrySnapshotLoader.LoadAsync(store).GetAwaiter().GetResult();
        var duck = DuckPeer.Run(snapshot, runs, by.Split(','));
        if (duck.Total != total)
            throw new InvalidOperationException($"DuckDB counts {duck.Total:N0} residents, Mosaic {total:N0}");

        Console.WriteLine();
        Console.WriteLine($"{stored.Households:N0} households, {stored.Persons:N0} persons ({total:N0} residents), {runs} runs; load before each round: {string.Join("; ", loads)}");
        Console.WriteLine("| how | median wall | median CPU of the mosaic process | vs 1 node pushed down |");
        Console.WriteLine("|---|---:|---:|---:|");
        var baseline = Harness.Median([.. results[ways[0].Name].Select(m => m.Wall)]);
        foreach (var (name, list) in results)
        {
            var wall = Harness.Median([.. list.Select(m => m.Wall)]);
            Console.WriteLine($"| {name} | {wall.TotalSeconds:F2} s | {Harness.Median([.. list.Select(m => m.Cpu)]).TotalSeconds:F2} s | {wall / baseline:F2}× |");
        }
        Console.WriteLine($"| DuckDB in memory, same persons (query only, in-process; load {duck.LoadSeconds:F1} s) | {duck.QueryMs / 1000:F2} s | | {duck.QueryMs / 1000 / baseline.TotalSeconds:F2}× |");
        Console.WriteLine($"load after: {PostgresImportBenchmark.Load()}");
        if (sqlite is not null)
        {
            foreach (var f in new[] { sqlite, sqlite + "-wal", sqlite + "-shm" })
                File.Delete(f);
        }
        return 0;
    }

    private static Core.Storage.RegistrationCommitted LoadInto(string connectionString, int households, long seed)
    {
        using var store = PostgresMosaicStore.OpenAsync(connectionString).GetAwaiter().GetResult();
        return TwoDivisionRegistry.Load(store, households, seed);
    }

    private static T Timed<T>(string what, Func<T> work)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = work();
        Console.WriteLine($"{what}: {clock.Elapsed.TotalSeconds:F1} s (load {PostgresImportBenchmark.Load()})");
        return result;
    }

    private static void Report(string what, IReadOnlyList<ChildProcess.Measurement> ms) =>
        Console.WriteLine($"  {what}: {string.Join(", ", ms.Select(m => $"{m.Wall.TotalSeconds:F2} s wall / {m.Cpu.TotalSeconds:F2} s CPU"))}");

    /// <summary>The value of the row whose four keys are all totals.</summary>
    private static long? GrandTotal(string csv, string[] by)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].TrimEnd('\r').Split(',');
        var keys = by.Select(d => Array.IndexOf(header, d)).ToArray();
        var value = Array.IndexOf(header, "value");
        foreach (var line in lines.Skip(1))
        {
            var f = line.TrimEnd('\r').Split(',');
            if (keys.All(k => f[k] == "_total"))
                return f[value].Length == 0 ? null : long.Parse(f[value], CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException("no grand total in the table");
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
