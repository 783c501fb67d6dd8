using System.Globalization;
using Mosaic.Benchmarks;

// Timed harnesses (medians of repeated runs) against each issue's peer; BenchmarkDotNet for micro-benchmarks.
// Usage: dotnet run -c Release --project bench/Mosaic.Benchmarks -- exposure [households] [floodPolygons] [runs] [--no-postgis]
var scenario = args.Length > 0 ? args[0] : "help";
int Arg(int i, int fallback) => args.Length > i && int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : fallback;
return scenario switch
{
    "exposure" => ExposureBenchmark.Run(Arg(1, 1_000_000), Arg(2, 10_000), Arg(3, 5), !args.Contains("--no-postgis")),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("scenarios: exposure [households=1000000] [floodPolygons=10000] [runs=5] [--no-postgis]");
    return 2;
}
