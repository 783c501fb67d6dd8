using System.CommandLine;
using Mosaic.Cli.Infrastructure;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic demo</c>: builds the synthetic Chilmari dataset (filled in by the demo generator).</summary>
public sealed class DemoCommand : MosaicCommand
{
    public DemoCommand() : base("demo", "Build a realistic synthetic dataset (Chilmari upazila, Bangladesh) into the database")
    {
    }

    protected override int Execute(ParseResult parse, CliConsole console)
    {
        throw new CliException(ExitCodes.Failure, "the demo generator is not built yet");
    }
}
