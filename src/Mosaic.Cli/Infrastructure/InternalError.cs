using System.CommandLine;

namespace Mosaic.Cli.Infrastructure;

/// <summary>
/// The last line of defence: an exception nobody expected is a bug in Mosaic, never the user's fault. It is
/// reported in one line with exit code 70; the stack trace is shown only with <c>--verbose</c>.
/// </summary>
internal static class InternalError
{
    public const string VerboseOption = "--verbose";

    public static int Report(Exception ex, ParseResult? parse, TextWriter error)
    {
        error.WriteLine($"error: internal error, please report it with the command you ran: {ex.GetType().Name}: {ex.Message}");
        if (IsVerbose(parse))
            error.WriteLine(ex.ToString());
        else
            error.WriteLine($"(run again with {VerboseOption} to see the technical details)");
        return ExitCodes.InternalError;
    }

    private static bool IsVerbose(ParseResult? parse)
    {
        try
        {
            return parse?.GetValue<bool>(VerboseOption) ?? false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
