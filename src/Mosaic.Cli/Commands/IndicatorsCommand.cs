using System.CommandLine;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic indicators list|show</c>: the indicator catalogue.</summary>
internal sealed class IndicatorsCommand : Command
{
    public IndicatorsCommand() : base("indicators", "The indicator catalogue: what `mosaic tabulate --indicator` can compute")
    {
        Subcommands.Add(new IndicatorsListCommand());
        Subcommands.Add(new IndicatorsShowCommand());
    }
}
