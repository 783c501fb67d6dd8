using System.CommandLine;

namespace Mosaic.Cli.Tests.Commands;

/// <summary>Runs <c>mosaic</c> in-process with captured stdout/stderr.</summary>
internal static class CliRun
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = MosaicCli.Build().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
