using System.CommandLine;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic mobility …</c>: displacement tracking views.</summary>
internal sealed class MobilityCommand : Command
{
    public MobilityCommand() : base("mobility", "Displacement tracking: DTM-style totals, change between rounds, flows at border points")
    {
        Subcommands.Add(new MobilitySummaryCommand());
    }
}
