using System.CommandLine;
using Mosaic.Cli.Commands;
using Mosaic.Cli.Infrastructure;

namespace Mosaic.Cli;

/// <summary>The <c>mosaic</c> command tree.</summary>
public static class MosaicCli
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
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return InternalError.Report(ex, parse, Console.Error);
        }
    }
}
