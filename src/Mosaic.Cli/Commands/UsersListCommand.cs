using System.CommandLine;
using System.Globalization;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Access;
using Mosaic.Core.Application.Reports;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic users list</c>.</summary>
internal sealed class UsersListCommand : MosaicCommand
{
    public UsersListCommand() : base("list", """
        List the accounts: name, role, scope, whether disabled, when added. Passwords and tokens are never shown
        (only their hashes are stored).

        Examples:
          mosaic users list
          mosaic users list --json
        """)
    {
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        using var store = await StoreLocator.OpenAsync(parse.GetValue(DbOption), cancellationToken: cancellationToken);
        var users = await store.Users.ListAsync(cancellationToken);
        if (console.Json)
        {
            console.WriteJson(new UserListReport([.. users.Select(UserReport.Of)]));
            return ExitCodes.Success;
        }
        if (users.Count == 0)
            console.Info("no accounts yet: `mosaic serve` creates the first administrator, or add one with `mosaic users add NAME --role admin`");
        foreach (var u in users)
            console.Info(string.Create(CultureInfo.InvariantCulture, $"{u.UserName,-20} {Roles.Code(u.Role),-10} {u.Scope ?? "all areas",-12} {(u.Disabled ? "disabled" : "active"),-8} added {u.CreatedAt.UtcDateTime:yyyy-MM-dd}"));
        return ExitCodes.Success;
    }
}
