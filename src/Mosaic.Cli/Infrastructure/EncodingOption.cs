using System.CommandLine;
using System.Text;
using Mosaic.Core.Import.Csv;

namespace Mosaic.Cli.Infrastructure;

/// <summary><c>--encoding NAME</c> of the imports: the text encoding of files saved without UTF-8.</summary>
internal static class EncodingOption
{
    public static Option<string?> Create() => new("--encoding")
    {
        Description = "Text encoding of files that are not UTF-8 (CSV, JSON, GeoJSON), e.g. windows-1252, iso-8859-1, utf-16 " +
                      "(default utf-8; a byte-order mark always wins)",
        HelpName = "NAME",
    };

    /// <summary>The CSV options for the value given; a usage error when the name is unknown.</summary>
    public static CsvReadOptions Resolve(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return CsvReadOptions.Default;
        var encoding = TextEncodings.Find(name) ?? throw new CliException(ExitCodes.Usage,
            $"--encoding: unknown encoding '{name}' (known names include utf-8, windows-1252, iso-8859-1, utf-16)");
        return new CsvReadOptions(Encoding: encoding.CodePage == Encoding.UTF8.CodePage ? null : encoding);
    }
}
