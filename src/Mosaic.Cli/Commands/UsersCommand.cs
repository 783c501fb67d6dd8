using System.CommandLine;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic users …</c>: accounts with a role and an area scope.</summary>
internal sealed class UsersCommand : Command
{
    public UsersCommand() : base("users", "Accounts of the web server and API: a role and an area scope each")
    {
        Subcommands.Add(new UsersAddCommand());
        Subcommands.Add(new UsersListCommand());
        Subcommands.Add(new UsersDisableCommand());
        Subcommands.Add(new UsersTokenCommand());
    }
}
