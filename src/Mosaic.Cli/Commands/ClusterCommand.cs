using System.CommandLine;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic cluster …</c>: a registry spread over several PostgreSQL servers.</summary>
internal sealed class ClusterCommand : Command
{
    public ClusterCommand() : base("cluster", "Spread the registry over several PostgreSQL servers (see docs/scale-out.md)")
    {
        Subcommands.Add(new ClusterInitCommand());
    }
}
