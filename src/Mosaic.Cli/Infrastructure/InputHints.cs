using Mosaic.Core.Import;

namespace Mosaic.Cli.Infrastructure;

/// <summary>Command-line hints added to Core's input messages (Core names no option).</summary>
public static class InputHints
{
    public static string For(InputProblem problem) => problem switch
    {
        InputProblem.Encoding => " (with --encoding NAME, e.g. --encoding windows-1252)",
        _ => "",
    };
}
