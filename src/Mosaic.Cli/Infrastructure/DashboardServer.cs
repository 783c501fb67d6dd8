using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Mosaic.Core.Access;
using Mosaic.Core.Storage;
using Mosaic.Server;
using Mosaic.Server.Infrastructure;

namespace Mosaic.Cli.Infrastructure;

/// <summary>Starting the web server from a command (<c>mosaic serve</c>, <c>mosaic demo</c>).</summary>
internal static class DashboardServer
{
    public static Option<string?> UrlsOption() => new("--urls")
    {
        Description = $"Where the server listens (default {ServerOptions.DefaultUrls}: this machine only)",
        HelpName = "URL",
    };

    /// <summary>Creates the first administrator when the database has no account, and prints its password once.</summary>
    public static void PrintFirstAdmin(CliConsole console, IMosaicStore store)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (UserAdministration.EnsureFirstAdmin(store) is { } admin)
        {
            console.Info($"Sign in as '{admin.User.UserName}' with password {admin.GeneratedPassword}");
            console.Info("  (shown only this once and stored only hashed; add accounts with `mosaic users add`)");
        }
        else
        {
            console.Info("Sign in with an existing account (`mosaic users list`; a new one: `mosaic users add NAME --role ROLE`)");
        }
    }

    /// <summary>
    /// The demo's sign-in: the first administrator's generated password, or on a demo database served before, a new
    /// password for it (a demo database holds no real registry: the demo refuses one).
    /// </summary>
    public static void PrintDemoSignIn(CliConsole console, IMosaicStore store)
    {
        ArgumentNullException.ThrowIfNull(console);
        var admin = UserAdministration.EnsureFirstAdmin(store) ??
                    (store.Users.Find(UserAdministration.FirstAdminName) is not null ? UserAdministration.ResetPassword(store, UserAdministration.FirstAdminName) : null);
        if (admin is null)
        {
            PrintFirstAdmin(console, store);
            return;
        }
        console.Info($"Sign in as '{admin.User.UserName}' with password {admin.GeneratedPassword}");
    }

    /// <summary>Serves until the process is stopped; prints where.</summary>
    public static int Run(CliConsole console, string db, string? urls)
    {
        ArgumentNullException.ThrowIfNull(console);
        List<string> args = ["--Mosaic:Db", StoreResolver.IsPostgres(db) ? db : Path.GetFullPath(db)];
        if (!string.IsNullOrWhiteSpace(urls))
            args.AddRange(["--urls", urls]);
        var app = MosaicServer.Create([.. args]);
        try
        {
            app.Start();
        }
        catch (IOException ex)
        {
            throw new CliException(ExitCodes.Failure, $"cannot listen on {urls ?? ServerOptions.DefaultUrls}: {ex.Message}");
        }
        foreach (var url in app.Urls)
            console.Info($"Mosaic dashboard: {url}/");
        console.Info("Press Ctrl+C to stop.");
        app.WaitForShutdown();
        return ExitCodes.Success;
    }
}
