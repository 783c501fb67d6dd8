using System.Diagnostics;

namespace Mosaic.Benchmarks.Tabulation;

/// <summary>Repeated timing with a median.</summary>
internal static class Stats
{
    public static (double MedianMs, double MinMs, T Last) Time<T>(int runs, Func<T> work)
    {
        var times = new List<double>(runs);
        T last = default!;
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            last = work();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        var median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[times.Count / 2 - 1] + times[times.Count / 2]) / 2;
        return (median, times[0], last);
    }
}
