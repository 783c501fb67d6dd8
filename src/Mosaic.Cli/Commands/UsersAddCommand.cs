using System.CommandLine;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Access;
using Mosaic.Core.Application.Reports;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic users add NAME --role ROLE [--scope PCODE] [--password-stdin]</c>.</summary>
internal sealed class UsersAddCommand : MosaicCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "Sign-in name (letters, digits, . - _ @)" };

    private readonly Option<string> _role = new("--role")
    {
        Description = "admin, manager, analyst, enumerator or viewer",
        HelpName = "ROLE",
        Required = true,
    };

    private readonly Option<string?> _scope = new("--scope")
    {
        Description = "P-code of the area the user sees (with everything below it); default every area",
        HelpName = "PCODE",
    };

    private readonly Option<bool> _passwordStdin = new("--password-stdin")
    {
        Description = "Read the password from the first line of standard input (default: generate one and print it once)",
    };

    public UsersAddCommand() : base("add", """
        Add an account. Roles: admin (everything, users and the audit log), manager (imports, scoring, target lists,
        personal data within scope, audited), analyst (tables, downloads, mobility; never personal data),
        enumerator (uploads and their reports), viewer (tables and maps). A generated password is printed once;
        only its hash (PBKDF2, ASP.NET Core Identity format) is stored.

        Examples:
          mosaic users add rahima --role manager --scope BD554909
          mosaic users add analyst1 --role analyst
          echo 'a long passphrase' | mosaic users add karim --role viewer --password-stdin
        """)
    {
        Arguments.Add(_name);
        Options.Add(_role);
        Options.Add(_scope);
        Options.Add(_passwordStdin);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        if (!Roles.TryParse(parse.GetValue(_role), out var role))
            throw new CliException(ExitCodes.Usage, $"--role must be one of {string.Join(", ", Roles.All.Select(Roles.Code))}");
        var password = parse.GetValue(_passwordStdin) ? Console.In.ReadLine()?.TrimEnd('\r', '\n') : null;
        if (parse.GetValue(_passwordStdin) && string.IsNullOrEmpty(password))
            throw new CliException(ExitCodes.Usage, "--password-stdin: standard input had no password");
        using var store = await StoreLocator.OpenAsync(parse.GetValue(DbOption), cancellationToken: cancellationToken);
        AddedUser added;
        try
        {
            added = await UserAdministration.AddAsync(store, new NewUser(parse.GetValue(_name)!, role, parse.GetValue(_scope), password),
                cancellationToken: cancellationToken);
        }
        catch (AccountException ex)
        {
            throw new CliException(ExitCodes.InputRejected, ex.Message);
        }
        if (console.Json)
        {
            console.WriteJson(new AddedUserReport(added.User.UserName, Roles.Code(added.User.Role), added.User.Scope, added.GeneratedPassword));
            return ExitCodes.Success;
        }
        console.Info($"added {added.User}");
        if (added.GeneratedPassword is { } generated)
            console.Info($"password: {generated}  (shown only this once)");
        return ExitCodes.Success;
    }
}
