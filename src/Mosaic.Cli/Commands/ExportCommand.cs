using System.CommandLine;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic export …</c>: the export verbs.</summary>
internal sealed class ExportCommand : Command
{
    public ExportCommand() : base("export", "Export data: DTM-format HXL, record-level microdata without personal data")
    {
        Subcommands.Add(new ExportDtmCommand());
        Subcommands.Add(new ExportRegistrationsCommand());
    }
}
