using System.CommandLine;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic privacy …</c>: disclosure risk of record-level (microdata) releases.</summary>
public sealed class PrivacyCommand : Command
{
    public PrivacyCommand() : base("privacy", "Disclosure risk of record-level exports (tables are protected by `mosaic tabulate` itself)")
    {
        Subcommands.Add(new PrivacyKAnonymityCommand());
    }
}
