using System.CommandLine;

namespace Mosaic.Cli.Infrastructure;

/// <summary>Options every command shares.</summary>
public static class CommonOptions
{
    public static Option<string?> Db() => new("--db")
    {
        Description = "Database: an SQLite file path (default $MOSAIC_DB, else ./mosaic.db)",
        HelpName = "PATH",
    };

    public static Option<bool> Force() => new("--force")
    {
        Description = "Replace the output file if it already exists (without it, an existing file is never overwritten)",
    };

    /// <summary>On every command (recursive, added to the root): show the stack trace of an internal error.</summary>
    public static Option<bool> Verbose() => new("--verbose")
    {
        Description = "Show technical details (the stack trace) when Mosaic fails with an internal error",
        Recursive = true,
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print a machine-readable JSON summary on stdout",
    };
}
