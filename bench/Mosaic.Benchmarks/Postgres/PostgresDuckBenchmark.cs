using System.Globalization;
using Mosaic.Benchmarks.Commands;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Postgres;

namespace Mosaic.Benchmarks.Postgres;

/// <summary>DuckDB in memory on the persons of an existing PostgreSQL registry (the peer of <c>pg-tabulate</c> on a database that is already loaded).</summary>
internal sealed class PostgresDuckBenchmark : IBenchmark
{
    public string Name => "pg-duck";

    public string Description => "DuckDB in memory on an existing PostgreSQL registry's persons; options: --db CONNECTION --by DIMS --runs R";

    public int Run(string[] args)
    {
        var db = Option(args, "--db") ?? throw new ArgumentException("--db CONNECTION is required");
        var by = (Option(args, "--by") ?? "adm4,migratory_status,sex").Split(',');
        var runs = int.Parse(Option(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        RegistrySnapshot snapshot;
        using (var store = PostgresMosaicStore.OpenAsync(db).GetAwaiter().GetResult())
            snapshot = RegistrySnapshotLoader.LoadAsync(store).GetAwaiter().GetResult();
        Console.WriteLine($"snapshot read in {clock.Elapsed.TotalSeconds:F1} s (load {PostgresImportBenchmark.Load()})");
        var duck = DuckPeer.Run(snapshot, runs, by);
        Console.WriteLine($"DuckDB: load {duck.LoadSeconds:F1} s, query median of {runs} {duck.QueryMs:F0} ms, residents {duck.Total:N0} (load {PostgresImportBenchmark.Load()})");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
