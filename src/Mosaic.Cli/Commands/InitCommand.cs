using System.CommandLine;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Application.Reports;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic init</c>: creates an empty database.</summary>
internal sealed class InitCommand : MosaicCommand
{
    public InitCommand() : base("init", """
        Create an empty database (or bring an existing one to the current schema).
        Schema migrations are versioned and applied automatically by every command.

        Examples:
          mosaic init --db chilmari.db
        """)
    {
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        using var store = await OpenStoreAsync(parse, console, create: true, cancellationToken);
        if (console.Json)
            console.WriteJson(new DatabaseReport(store.Description, store.SchemaVersion));
        else
            console.Info($"database {store.Description} is ready (schema version {store.SchemaVersion})");
        return ExitCodes.Success;
    }
}
