using System.CommandLine;
using Mosaic.Cli.Infrastructure;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic serve [--urls URL]</c>: the HTTP API and the dashboard.</summary>
internal sealed class ServeCommand : MosaicCommand
{
    private readonly Option<string?> _urls = DashboardServer.UrlsOption();

    public ServeCommand() : base("serve", """
        Serve the HTTP API and the dashboard on this database until Ctrl+C.
        Listens on http://127.0.0.1:5080 (this machine only) unless --urls says otherwise; to reach it from other
        machines, give their interface explicitly and put it behind a TLS proxy. Every request needs a signed-in
        user or an API token (`mosaic users token`), except /health. When the database has no account yet, an
        administrator 'admin' is created and its generated password printed once.
        See docs/user-guide/dashboard.md.

        Examples:
          mosaic serve
          mosaic serve --db chilmari.db --urls http://127.0.0.1:8080
        """)
    {
        Options.Add(_urls);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var db = StoreLocator.Resolve(parse.GetValue(DbOption));
        using (var store = await StoreLocator.OpenAsync(db, cancellationToken: cancellationToken))
            await DashboardServer.PrintFirstAdminAsync(console, store, cancellationToken);
        return DashboardServer.Run(console, db, parse.GetValue(_urls));
    }
}
