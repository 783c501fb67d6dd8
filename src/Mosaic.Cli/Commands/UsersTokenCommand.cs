using System.CommandLine;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Access;
using Mosaic.Core.Application.Reports;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic users token NAME [--name LABEL]</c>.</summary>
internal sealed class UsersTokenCommand : MosaicCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "The account the token acts as" };

    private readonly Option<string?> _label = new("--name") { Description = "What the token is for (default api)", HelpName = "LABEL" };

    public UsersTokenCommand() : base("token", """
        Issue an API token for scripts: send it as 'Authorization: Bearer TOKEN'. It has the account's role and
        scope. The token is printed once; only its SHA-256 is stored. Disabling the account stops it.

        Examples:
          mosaic users add analyst1 --role analyst
          mosaic users token analyst1 --name nightly-export
          curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:5080/api/tabulations?indicator=population&by=adm4
        """)
    {
        Arguments.Add(_name);
        Options.Add(_label);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        using var store = await StoreLocator.OpenAsync(parse.GetValue(DbOption), cancellationToken: cancellationToken);
        IssuedToken issued;
        try
        {
            issued = await UserAdministration.IssueTokenAsync(store, parse.GetValue(_name)!, parse.GetValue(_label), cancellationToken: cancellationToken);
        }
        catch (AccountException ex)
        {
            throw new CliException(ExitCodes.InputRejected, ex.Message);
        }
        if (console.Json)
            console.WriteJson(new IssuedTokenReport(issued.User.UserName, issued.Token.Name, issued.Secret));
        else
            console.Out.WriteLine(issued.Secret);
        return ExitCodes.Success;
    }
}
