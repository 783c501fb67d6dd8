using System.Diagnostics;

namespace Mosaic.Cli.Tests;

/// <summary>Starts the real <c>mosaic</c> executable as a child process, for what in-process runs cannot show (signals, locks).</summary>
internal static class MosaicProcess
{
    public static Process Start(params string[] args)
    {
        TestDb.RequireStoreOfTheRun(args);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        // A child inherits an ignored SIGINT (the test host can end up ignoring it after other tests), and .NET then
        // never installs its handler: Ctrl-C would do nothing. `env --default-signal` (coreutils) resets SIGINT and
        // SIGTERM to their default before it execs dotnet, in the same process, so the child is signalled as from a shell.
        var resetSignals = OperatingSystem.IsLinux() && File.Exists("/usr/bin/env");
        var start = new ProcessStartInfo(resetSignals ? "/usr/bin/env" : dotnet)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (resetSignals)
        {
            start.ArgumentList.Add("--default-signal=INT,TERM");
            start.ArgumentList.Add(dotnet);
        }
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mosaic.dll"));
        foreach (var a in args)
            start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }
}
