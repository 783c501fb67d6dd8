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

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print a machine-readable JSON summary on stdout",
    };
}
