using System.CommandLine;
using System.Text.Json;

namespace Mosaic.Cli.Tests;

/// <summary>Runs <c>mosaic</c> in-process with captured stdout/stderr, as a user would from a shell.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun Invoke(params string[] args)
    {
        TestDb.RequireStoreOfTheRun(args);
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = MosaicCli.Build().Parse(args);
        // As Program does: a command line that does not parse, with --json, is answered in JSON.
        var exit = MosaicCli.JsonParseErrors(parse, args, output, error) ??
                   parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    /// <summary>The JSON summary printed with <c>--json</c>.</summary>
    public JsonElement Json => JsonDocument.Parse(Out).RootElement;
}
