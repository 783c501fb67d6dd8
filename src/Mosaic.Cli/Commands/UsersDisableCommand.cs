using System.CommandLine;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Access;
using Mosaic.Core.Application.Reports;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic users disable NAME [--enable]</c>.</summary>
internal sealed class UsersDisableCommand : MosaicCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "The account" };

    private readonly Option<bool> _enable = new("--enable") { Description = "Enable the account again instead" };

    public UsersDisableCommand() : base("disable", """
        Disable an account: it can no longer sign in, its open sessions end at their next request, and its API
        tokens stop working. The account and its audit entries are kept.

        Examples:
          mosaic users add rahima --role manager --scope BD554909
          mosaic users disable rahima
          mosaic users disable rahima --enable
        """)
    {
        Arguments.Add(_name);
        Options.Add(_enable);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        using var store = await StoreLocator.OpenAsync(parse.GetValue(DbOption), cancellationToken: cancellationToken);
        try
        {
            var user = await UserAdministration.SetDisabledAsync(store, parse.GetValue(_name)!, !parse.GetValue(_enable), cancellationToken);
            if (console.Json)
                console.WriteJson(new UserStateReport(user.UserName, user.Disabled));
            else
                console.Info($"{user.UserName} is now {(user.Disabled ? "disabled" : "enabled")}");
        }
        catch (AccountException ex)
        {
            throw new CliException(ExitCodes.InputRejected, ex.Message);
        }
        return ExitCodes.Success;
    }
}
