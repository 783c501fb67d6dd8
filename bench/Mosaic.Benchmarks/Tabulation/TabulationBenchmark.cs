using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Demo;
using Mosaic.Core.Indicators;
using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Sqlite;

namespace Mosaic.Benchmarks.Tabulation;

/// <summary>
/// Indicator <c>population</c> by village × migratory_status × sex × age_group with every total (16 grouping sets),
/// disclosure control included, against the same aggregation in DuckDB (in memory, GROUP BY CUBE, counting only)
/// and in SQLite (SQL over the store file), on the same data in the same run: the demo dataset
/// (<see cref="DemoGenerator"/>, as <c>mosaic demo --households N</c>) is stored once in SQLite, the snapshot is
/// built from that file and DuckDB is loaded from the snapshot, so all three see the same persons.
/// </summary>
internal sealed class TabulationBenchmark : IBenchmark
{
    public string Name => "tabulation";

    public string Description => "population by village × status × sex × age group, all totals + suppression, vs DuckDB CUBE and SQLite";

    private static readonly string[] s_by = ["village", "migratory_status", "sex", "age_group"];

    public int Run(string[] args)
    {
        var households = IntOption(args, "--households", 230_000);
        var runs = IntOption(args, "--runs", 9);
        var sqliteRuns = IntOption(args, "--sqlite-runs", 3);
        var db = StringOption(args, "--db") ?? Path.Combine(Path.GetTempPath(), $"mosaic-bench-{households}.db");
        var reuse = args.Contains("--reuse-db");
        Console.WriteLine($"tabulation benchmark: {households:N0} households, {runs} runs ({sqliteRuns} for SQLite), {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        if (!reuse || !File.Exists(db))
            LoadSqlite(db, households);
        if (args.Contains("--generate-only"))
            return 0;
        using var store = SqliteMosaicStore.Open(db);

        GC.Collect();
        var before = GC.GetTotalMemory(true);
        var build = Stopwatch.StartNew();
        var snapshot = RegistrySnapshotLoader.LoadAsync(store).GetAwaiter().GetResult();
        build.Stop();
        var persons = snapshot.PersonCount;
        Console.WriteLine($"snapshot: {persons:N0} persons, {snapshot.HouseholdCount:N0} households, built in {build.Elapsed.TotalSeconds:F1} s, " +
                          $"{snapshot.MemoryBytes / (double)persons:F2} bytes/person in columns " +
                          $"({(GC.GetTotalMemory(true) - before) / (double)persons:F2} bytes/person managed heap growth)");

        var tabulator = new Tabulator(snapshot, IndicatorCatalogue.Shipped);
        var request = new TabulationRequest("population", s_by);
        var cold = Stopwatch.StartNew();
        var first = tabulator.Tabulate(request);
        cold.Stop();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var ours = Stats.Time(runs, () => tabulator.Tabulate(request));
        var cpuSuppressed = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds / runs;
        var result = ours.Last;
        Console.WriteLine($"mosaic:  first {cold.Elapsed.TotalMilliseconds:F1} ms (compiles the population filter), median {ours.MedianMs:F1} ms, " +
                          $"{result.Cells.Count:N0} cells, {result.PrimarySuppressedCells:N0} primary + {result.SecondarySuppressedCells:N0} secondary suppressed, " +
                          $"total {result.TotalContributors:N0}");
        _ = first;
        var loss = result.InformationLoss;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mosaic:  {cpuSuppressed:F1} ms process CPU per run with suppression (mean); information loss: {loss.SuppressedCells:N0} of {loss.Cells:N0} cells suppressed " +
            $"({loss.CellShare:P1}), {loss.HiddenContributors:N0} of {loss.TotalContributors:N0} persons in suppressed inner cells ({(double)loss.HiddenContributors / loss.TotalContributors:P2}); load {File.ReadAllText("/proc/loadavg").Trim()}"));
        cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var noSdc = Stats.Time(runs, () => tabulator.Tabulate(request with { MinimumCellSize = 1 }));
        var cpuCounting = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds / runs;
        Console.WriteLine($"mosaic:  median {noSdc.MedianMs:F1} ms without disclosure control (counting and all totals only), {cpuCounting:F1} ms process CPU per run");

        using var duck = LoadDuckDb(snapshot);
        var duckSql = "SELECT village, mig, sex, " + AgeGroupSql("age") + " AS age_group, count(*) FROM persons WHERE mig <> " + s_emigrantCode + " " +
                      "GROUP BY CUBE (village, mig, sex, age_group)";
        var duckTime = Stats.Time(runs, () => ReadAll(duck, duckSql));
        Console.WriteLine($"duckdb:  median {duckTime.MedianMs:F1} ms, {duckTime.Last:N0} rows");
        var duckTotal = Scalar(duck, "SELECT count(*) FROM persons WHERE mig <> " + s_emigrantCode);

        using var sqlite = new SqliteConnection($"Data Source={db};Mode=ReadOnly");
        sqlite.Open();
        var sqliteTime = Stats.Time(sqliteRuns, () => ReadAll(sqlite, SqliteCubeSql()));
        Console.WriteLine($"sqlite:  median {sqliteTime.MedianMs:F1} ms, {sqliteTime.Last:N0} rows");

        if (duckTotal != result.TotalContributors)
            throw new InvalidOperationException($"totals differ: DuckDB {duckTotal}, Mosaic {result.TotalContributors}");
        Console.WriteLine();
        Console.WriteLine("| persons | snapshot build | bytes/person | Mosaic median (with suppression) | DuckDB median | SQLite median | DuckDB / Mosaic | SQLite / Mosaic |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {persons:N0} | {build.Elapsed.TotalSeconds:F1} s | {snapshot.MemoryBytes / (double)persons:F2} | {ours.MedianMs:F1} ms | {duckTime.MedianMs:F1} ms | " +
            $"{sqliteTime.MedianMs:F0} ms | {duckTime.MedianMs / ours.MedianMs:F1}× | {sqliteTime.MedianMs / ours.MedianMs:F0}× |"));
        return 0;
    }

    internal static void LoadSqlite(string db, int households)
    {
        foreach (var f in new[] { db, db + "-wal", db + "-shm" })
            File.Delete(f);
        var sw = Stopwatch.StartNew();
        using var store = SqliteMosaicStore.Open(db);
        var demo = new DemoGenerator(new DemoOptions { Households = households, Seed = DemoOptions.DefaultSeed });
        store.Areas.UpsertAsync(demo.Areas()).GetAwaiter().GetResult();
        using (var batch = store.Registry.BeginImportAsync("benchmark").GetAwaiter().GetResult())
        {
            // The content fingerprint only matters for re-imports; a constant keeps generation cheap.
            byte[] fingerprint = [0];
            foreach (var chunk in demo.Households().Chunk(512))
                batch.AddAsync([.. chunk.Select(h => new FingerprintedHousehold(h, fingerprint))]).GetAwaiter().GetResult();
            batch.CommitAsync().GetAwaiter().GetResult();
        }
        Console.WriteLine($"generated the demo (seed {DemoOptions.DefaultSeed}) and stored {households:N0} households in {sw.Elapsed.TotalSeconds:F0} s ({db})");
    }

    private static readonly int s_emigrantCode = SnapshotCodes.Of(Mosaic.Core.Registry.Codes.MigratoryStatus, Mosaic.Core.Registry.MigratoryStatus.Emigrant);

    /// <summary>
    /// DuckDB gets its best layout: persons pre-joined to their village in one flat table, with the same small integer
    /// codes as the snapshot (village index, status, sex, age), loaded through its appender.
    /// </summary>
    private static DuckDBConnection LoadDuckDb(RegistrySnapshot snapshot)
    {
        var sw = Stopwatch.StartNew();
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "CREATE TABLE persons (village INTEGER, mig UTINYINT, sex UTINYINT, age UTINYINT)";
            cmd.ExecuteNonQuery();
        }
        var flat = SnapshotExport.Persons(snapshot);
        using (var appender = connection.CreateAppender("persons"))
        {
            foreach (var p in flat)
            {
                var row = appender.CreateRow();
                row.AppendValue(p.Village).AppendValue(p.Status).AppendValue(p.Sex);
                if (p.Age is { } age)
                    row.AppendValue(age);
                else
                    row.AppendNullValue();
                row.EndRow();
            }
        }
        Console.WriteLine($"duckdb:  loaded in {sw.Elapsed.TotalSeconds:F1} s");
        return connection;
    }

    private static string AgeGroupSql(string column) =>
        $"CASE WHEN {column} IS NULL THEN NULL WHEN {column} <= 4 THEN '0-4' WHEN {column} <= 17 THEN '5-17' WHEN {column} <= 59 THEN '18-59' ELSE '60+' END";

    /// <summary>SQLite has no GROUPING SETS: the finest grouping is materialised once and rolled up 16 ways.</summary>
    private static string SqliteCubeSql()
    {
        string[] cols = ["v", "m", "s", "a"];
        var sets = new List<string>();
        for (var mask = 0; mask < 16; mask++)
        {
            var select = string.Join(", ", cols.Select((c, i) => (mask >> i & 1) == 1 ? c : "NULL"));
            var group = string.Join(", ", cols.Where((_, i) => (mask >> i & 1) == 1));
            sets.Add($"SELECT {select}, sum(n) FROM base" + (group.Length > 0 ? " GROUP BY " + group : ""));
        }
        return "WITH base AS MATERIALIZED (SELECT h.area_pcode AS v, p.mig_status AS m, p.sex AS s, " + AgeGroupSql("p.age") + " AS a, count(*) AS n " +
               "FROM person p JOIN household h ON h.id = p.household_id WHERE p.mig_status <> 'emigrant' GROUP BY 1, 2, 3, 4) " +
               string.Join(" UNION ALL ", sets);
    }

    private static long ReadAll(System.Data.Common.DbConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        long rows = 0;
        while (r.Read())
            rows++;
        return rows;
    }

    private static long Scalar(System.Data.Common.DbConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        StringOption(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    private static string? StringOption(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
