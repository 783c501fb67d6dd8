using System.Diagnostics;
using System.Globalization;

namespace Mosaic.Benchmarks;

/// <summary>Runs a command as a child process under GNU time, returning wall time and peak resident memory.</summary>
public static class ChildProcess
{
    /// <param name="Cpu">User + system CPU time: on a loaded shared machine it varies far less than wall time.</param>
    public sealed record Measurement(TimeSpan Wall, long PeakRssKiB, string Output, TimeSpan Cpu = default);

    public static Measurement Measure(string file, params string[] args)
    {
        var psi = new ProcessStartInfo("/usr/bin/time")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add("-f");
        psi.ArgumentList.Add("MOSAIC_TIME %e %M %U %S");
        psi.ArgumentList.Add(file);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}):\n{stderr}");
        var line = stderr.Split('\n').Last(l => l.StartsWith("MOSAIC_TIME ", StringComparison.Ordinal)).Split(' ');
        return new Measurement(
            TimeSpan.FromSeconds(double.Parse(line[1], CultureInfo.InvariantCulture)),
            long.Parse(line[2], CultureInfo.InvariantCulture),
            stdout.Result,
            TimeSpan.FromSeconds(double.Parse(line[3], CultureInfo.InvariantCulture) + double.Parse(line[4], CultureInfo.InvariantCulture)));
    }

    /// <summary>Runs a command to completion without measuring it; throws on failure.</summary>
    public static void Run(string file, params string[] args) => Measure(file, args);
}
