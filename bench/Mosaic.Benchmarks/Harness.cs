using System.Diagnostics;

namespace Mosaic.Benchmarks;

/// <summary>Repeated timing with medians: these machines are noisy, so single runs are never quoted.</summary>
public static class Harness
{
    /// <summary>Runs <paramref name="action"/> <paramref name="runs"/> times (after <paramref name="warmups"/> untimed runs) and returns the timings.</summary>
    public static IReadOnlyList<TimeSpan> Time(Action action, int runs, int warmups = 1)
    {
        for (var i = 0; i < warmups; i++)
            action();
        var times = new List<TimeSpan>(runs);
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            times.Add(sw.Elapsed);
        }
        return times;
    }

    public static TimeSpan Median(IReadOnlyList<TimeSpan> times)
    {
        var sorted = times.OrderBy(t => t).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>A one-line description of the machine for the results table.</summary>
    public static string Machine() =>
        $"{Environment.ProcessorCount} cores, {Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024))} GiB, " +
        $".NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
}
