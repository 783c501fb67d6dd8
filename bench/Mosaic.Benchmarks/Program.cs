using Mosaic.Benchmarks.Tabulation;

// Timed harnesses, one per hot path: `dotnet run -c Release --project bench/Mosaic.Benchmarks -- tabulation [options]`.
return args.FirstOrDefault() switch
{
    "tabulation" => TabulationBenchmark.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Mosaic.Benchmarks tabulation [--households N] [--runs R] [--sqlite-runs R] [--db FILE] [--reuse-db]");
    return 2;
}
