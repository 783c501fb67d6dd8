using System.CommandLine;

namespace Mosaic.Cli.Infrastructure;

/// <summary>Options every command shares.</summary>
internal static class CommonOptions
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

    /// <summary>
    /// On commands that write CSV: turn the formula guard off. By default a text cell starting with = + - @, a tab or
    /// a carriage return gets a leading apostrophe so that a spreadsheet shows it as text instead of running it.
    /// </summary>
    public static Option<bool> RawCsv() => new("--raw-csv")
    {
        Description = "CSV for machine pipelines: write text cells exactly as stored, without the leading apostrophe " +
                      "that stops spreadsheets from running cells starting with = + - @ as formulas",
    };

    /// <summary>The CSV options for <c>--raw-csv</c>.</summary>
    public static Mosaic.Core.Import.Csv.CsvWriteOptions CsvOptions(bool raw) =>
        raw ? Mosaic.Core.Import.Csv.CsvWriteOptions.Raw : Mosaic.Core.Import.Csv.CsvWriteOptions.Default;

    /// <summary>On the imports: where the report of rejected rows and warnings goes instead of beside the input.</summary>
    public static Option<string?> Errors() => new("--errors")
    {
        Description = "Write the import's report (rejected rows, then warnings) to FILE instead of FILE.errors.csv or " +
                      "FILE.warnings.csv beside the input; written even when the import is clean (header only)",
        HelpName = "FILE",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print a machine-readable JSON summary on stdout",
    };
}
