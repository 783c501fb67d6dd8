using System.Diagnostics;

namespace Mosaic.Cli.Tests;

/// <summary>Starts the real <c>mosaic</c> executable as a child process, for what in-process runs cannot show (signals, locks).</summary>
internal static class MosaicProcess
{
    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mosaic.dll"));
        foreach (var a in args)
            start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }
}
