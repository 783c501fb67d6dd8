using System.Globalization;
using Mosaic.Storage.Postgres;

namespace Mosaic.Benchmarks.Postgres;

/// <summary>Loads the benchmark registry (<see cref="TwoDivisionRegistry"/>) into an existing PostgreSQL database or cluster coordinator, timed.</summary>
internal sealed class PostgresLoadBenchmark : IBenchmark
{
    public string Name => "pg-load";

    public string Description => "load the two-division benchmark registry into a PostgreSQL database; options: --db CONNECTION --households N --seed S";

    public int Run(string[] args)
    {
        var db = Option(args, "--db") ?? throw new ArgumentException("--db CONNECTION is required");
        var households = int.Parse(Option(args, "--households") ?? "2190000", CultureInfo.InvariantCulture);
        var seed = long.Parse(Option(args, "--seed") ?? "2026", CultureInfo.InvariantCulture);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var store = PostgresMosaicStore.OpenAsync(db).GetAwaiter().GetResult();
        var stored = TwoDivisionRegistry.Load(store, households, seed);
        Console.WriteLine($"{stored.Households:N0} households, {stored.Persons:N0} persons in {clock.Elapsed.TotalSeconds:F1} s (load {PostgresImportBenchmark.Load()})");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
