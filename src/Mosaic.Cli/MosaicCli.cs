using System.CommandLine;
using Mosaic.Cli.Commands;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Application.Reports;

namespace Mosaic.Cli;

/// <summary>The <c>mosaic</c> command tree.</summary>
internal static class MosaicCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("""
            Mosaic: see how crises move people and who is left behind.
            Tracks displacement round after round, ranks households by vulnerability and hazard exposure,
            and disaggregates every figure by migratory status, sex, age and disability with disclosure control.

            The database is chosen by --db (an SQLite file path), else $MOSAIC_DB, else ./mosaic.db.
            """)
        {
            new DemoCommand(),
            new InitCommand(),
            new ImportCommand(),
            new ExportCommand(),
            new MobilityCommand(),
            new TabulateCommand(),
            new PublishCommand(),
            new IndicatorsCommand(),
            new ScoreCommand(),
            new TargetCommand(),
            new PrivacyCommand(),
            new AuditCommand(),
            new ClusterCommand(),
            new UsersCommand(),
            new ServeCommand(),
        };
        root.Options.Add(CommonOptions.Verbose());
        HelpLayout.Apply(root);
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        ParseResult? parse = null;
        try
        {
            parse = Build().Parse(args);
            if (JsonParseErrors(parse, args, Console.Out, Console.Error) is { } code)
                return code;
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return InternalError.Report(ex, parse, Console.Error);
        }
    }

    /// <summary>
    /// A command line that does not parse, with <c>--json</c>: the errors on stderr and as JSON on stdout (a
    /// pipeline reads JSON, never the help text System.CommandLine prints otherwise). Exit code 1, as without it.
    /// </summary>
    /// <returns>The exit code when the command line did not parse and asked for JSON; null otherwise (invoke it).</returns>
    public static int? JsonParseErrors(ParseResult parse, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (parse.Errors.Count == 0 || parse.CommandResult.Command is not MosaicCommand || !args.Contains("--json"))
            return null;
        var messages = parse.Errors.Select(e => e.Message).ToList();
        foreach (var m in messages)
            error.WriteLine("error: " + m);
        error.WriteLine("(add --help for the command's usage)");
        output.WriteLine(CliConsole.ToJson(new ErrorReport(string.Join("; ", messages), ExitCodes.Failure)));
        return ExitCodes.Failure;
    }
}
