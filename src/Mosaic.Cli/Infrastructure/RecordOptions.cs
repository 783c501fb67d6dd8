using System.CommandLine;
using Mosaic.Core.Tabulation;

namespace Mosaic.Cli.Infrastructure;

/// <summary>The options that choose which registry records a record-level command reads (privacy kanon, export registrations).</summary>
internal static class RecordOptions
{
    public static Option<string?> Area() => new("--area")
    {
        Description = "Only records of households in this area (P-code) or below it",
        HelpName = "PCODE",
    };

    public static Option<string?> Filter() => new("--filter")
    {
        Description = "Only records meeting this condition, in the indicator expression language (e.g. \"mig_status != 'emigrant'\")",
        HelpName = "EXPR",
    };

    public static Option<string?> AgeBands() => new("--age-bands")
    {
        Description = "Age groups for age_group, e.g. 0-4,5-17,18-59,60+ (the default)",
        HelpName = "BANDS",
    };

    /// <summary>The age bands given with <see cref="AgeBands()"/>, or the default ones.</summary>
    public static AgeBands Bands(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { } text ? Core.Tabulation.AgeBands.Parse(text) : Core.Tabulation.AgeBands.Default;
}
