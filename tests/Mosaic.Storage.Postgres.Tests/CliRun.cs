using System.CommandLine;
using Mosaic.Cli;

namespace Mosaic.Storage.Postgres.Tests;

/// <summary>Runs <c>mosaic</c> in-process with captured stdout/stderr, as a user would from a shell.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = MosaicCli.Build().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exit, output.ToString(), error.ToString());
    }
}
