using System.Diagnostics;
using System.Globalization;
using Mosaic.Core.Hazards;
using Mosaic.Core.Vulnerability;

namespace Mosaic.Benchmarks;

/// <summary>
/// <c>exposure</c>: households with GPS against a flood layer (10,000 polygons of ~100 vertices) and an
/// erosion layer. Times, as medians of repeated runs: our exposure join (STRtree + indexed point-in-polygon,
/// both hazard types), the same join in PostGIS (ST_Intersects with GiST indexes), and exposure + score +
/// rank of every household with the default model.
/// </summary>
public sealed class ExposureBenchmark : IBenchmark
{
    public string Name => "exposure";

    public string Description => "hazard exposure join vs PostGIS ST_Intersects; exposure + score + rank  [households=1000000] [floodPolygons=10000] [runs=5] [--no-postgis]";

    public int Run(string[] args)
    {
        int Arg(int i, int fallback) => args.Length > i && int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : fallback;
        return Run(Arg(0, 1_000_000), Arg(1, 10_000), Arg(2, 5), !args.Contains("--no-postgis"));
    }

    private static int Run(int households, int floodPolygons, int runs, bool postgis)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(Harness.Machine());
        Console.WriteLine(string.Create(inv, $"exposure benchmark: {households:N0} households, {floodPolygons:N0} flood polygons × 100 vertices, {floodPolygons / 5:N0} erosion polygons × 40 vertices, {runs} runs, {Environment.ProcessorCount} cores"));
        var sw = Stopwatch.StartNew();
        var flood = ExposureData.Layer(HazardType.Flood, floodPolygons, 100, 1, 0.002, 0.008);
        var erosion = ExposureData.Layer(HazardType.Erosion, floodPolygons / 5, 40, 2, 0.001, 0.003);
        var data = ExposureData.Households(households, 3);
        var areas = ExposureData.Areas();
        Console.WriteLine(string.Create(inv, $"  data generated in {sw.Elapsed.TotalSeconds:F1} s"));

        var build = Median(runs, () => HazardIndex.Build([flood, erosion]));
        var index = HazardIndex.Build([flood, erosion]);
        var calc = new ExposureCalculator(index, []);
        var exposures = new ExposureColumns(data.Count);
        exposures.Append(data.Count);
        var join = Median(runs, () => calc.ComputeInto(data, exposures, 0));
        var ours = Summarise(exposures);
        Console.WriteLine(string.Create(inv, $"  index build (both layers)         median {build.TotalMilliseconds,8:F0} ms"));
        Console.WriteLine(string.Create(inv, $"  Mosaic exposure join (2 types)    median {join.TotalMilliseconds,8:F0} ms   flood exposed {ours.Flood.Exposed:N0} (Σ {ours.Flood.Sum:F1}), erosion exposed {ours.Erosion.Exposed:N0} (Σ {ours.Erosion.Sum:F1})"));

        // The textbook NTS path (STRtree + indexed point-in-area locators, as prepared polygons use) on the same points.
        var tree = Median(runs, () => Parallel.For(0, data.Count, () => new HazardIndex.PointQuery(), (i, _, q) =>
        {
            var p = data[i].Gps!.Value;
            index.PointSeverityByTree(HazardType.Flood, p.Longitude, p.Latitude, q);
            index.PointSeverityByTree(HazardType.Erosion, p.Longitude, p.Latitude, q);
            return q;
        }, _ => { }));
        Console.WriteLine(string.Create(inv, $"  NTS STRtree + prepared (2 types)  median {tree.TotalMilliseconds,8:F0} ms   (same points, input order)"));

        var model = DefaultVulnerabilityModel.Model;
        var total = Median(runs, () => ScoringRun.Run(data, model, HazardIndex.Build([flood, erosion]), areas));
        Console.WriteLine(string.Create(inv, $"  index + exposure + score + rank   median {total.TotalMilliseconds,8:F0} ms   (goal < 3000 ms)"));

        if (!postgis)
            return 0;
        if (!PostgisPeer.Available)
        {
            Console.WriteLine("  PostGIS: not installed (run bench/Mosaic.Benchmarks/scripts/setup-postgis.sh as root)");
            return 1;
        }
        using var peer = PostgisPeer.Start();
        var load = peer.Load(data, [flood, erosion]);
        Console.WriteLine(string.Create(inv, $"  PostGIS load (COPY + GiST + ANALYZE)     {load.TotalSeconds,8:F1} s"));
        (long Exposed, double SeveritySum) pf = default, pe = default;
        var pg = Median(runs, () =>
        {
            pf = peer.Exposure(HazardType.Flood);
            pe = peer.Exposure(HazardType.Erosion);
        });
        Console.WriteLine(string.Create(inv, $"  PostGIS exposure join (2 types)   median {pg.TotalMilliseconds,8:F0} ms   flood exposed {pf.Exposed:N0} (Σ {pf.SeveritySum:F1}), erosion exposed {pe.Exposed:N0} (Σ {pe.SeveritySum:F1})"));
        Console.WriteLine(string.Create(inv, $"  ratio PostGIS / Mosaic: {pg.TotalMilliseconds / join.TotalMilliseconds:F1}× (goal ≥ 3×)"));
        var agree = pf.Exposed == ours.Flood.Exposed && pe.Exposed == ours.Erosion.Exposed &&
                    Math.Abs(pf.SeveritySum - ours.Flood.Sum) < 1e-6 && Math.Abs(pe.SeveritySum - ours.Erosion.Sum) < 1e-6;
        Console.WriteLine(agree ? "  results agree with PostGIS" : "  RESULTS DIFFER FROM PostGIS");
        return agree ? 0 : 1;
    }

    private static ((long Exposed, double Sum) Flood, (long Exposed, double Sum) Erosion) Summarise(ExposureColumns exposures)
    {
        (long, double) Of(HazardType t)
        {
            long n = 0;
            double sum = 0;
            for (var i = 0; i < exposures.Count; i++)
            {
                var v = exposures.Values(i)[(int)t];
                if (v > 0)
                {
                    n++;
                    sum += v;
                }
            }
            return (n, sum);
        }
        return (Of(HazardType.Flood), Of(HazardType.Erosion));
    }

    private static TimeSpan Median(int runs, Action action)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            var sw = Stopwatch.StartNew();
            action();
            times.Add(sw.Elapsed);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    private static TimeSpan Median<T>(int runs, Func<T> func) => Median(runs, () => { _ = func(); });
}
