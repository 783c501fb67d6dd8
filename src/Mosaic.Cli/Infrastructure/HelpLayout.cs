using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Mosaic.Cli.Infrastructure;

/// <summary>
/// Keeps command listings short: a command's full description (with its examples) shows on its own
/// <c>--help</c>, while its parent's listing shows only the first line.
/// </summary>
internal sealed class HelpLayout : SynchronousCommandLineAction
{
    private readonly CommandLineAction _default;

    private HelpLayout(CommandLineAction defaultHelp) => _default = defaultHelp;

    public static void Apply(RootCommand root)
    {
        if (root.Options.OfType<HelpOption>().FirstOrDefault() is { Action: { } action } help)
            help.Action = new HelpLayout(action);
    }

    public override int Invoke(ParseResult parseResult)
    {
        // The built-in help prints each subcommand's whole description; shorten them only while it writes.
        var subcommands = parseResult.CommandResult.Command.Subcommands.Select(c => (Command: c, c.Description)).ToList();
        foreach (var (command, description) in subcommands)
            command.Description = Summary(description);
        try
        {
            return _default is SynchronousCommandLineAction sync ? sync.Invoke(parseResult) : ExitCodes.Failure;
        }
        finally
        {
            foreach (var (command, description) in subcommands)
                command.Description = description;
        }
    }

    /// <summary>The first line of a description.</summary>
    public static string Summary(string? description)
    {
        if (string.IsNullOrEmpty(description))
            return "";
        var end = description.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? description : description[..end]).TrimEnd('\r', '.');
    }
}
