using System.CommandLine;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic import …</c>: the import verbs.</summary>
internal sealed class ImportCommand : Command
{
    public ImportCommand() : base("import", "Import data files: areas, registrations, hazards, DTM data, flows")
    {
        Subcommands.Add(new ImportAreasCommand());
        Subcommands.Add(new ImportRegistrationsCommand());
        Subcommands.Add(new ImportDtmCommand());
        Subcommands.Add(new ImportFlowsCommand());
        Subcommands.Add(new ImportHazardsCommand());
    }
}
