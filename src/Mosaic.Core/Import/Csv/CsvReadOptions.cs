using System.Text;

namespace Mosaic.Core.Import.Csv;

/// <summary>How a CSV file is read.</summary>
/// <param name="Encoding">Text encoding when the file has no byte-order mark; null = UTF-8, where invalid bytes are an error.</param>
/// <param name="Separator">Field separator, or null to detect <c>,</c>, <c>;</c> or tab from the header line.</param>
/// <param name="MaxCellChars">Longest cell accepted: a longer one is almost always a broken file, not data.</param>
public sealed record CsvReadOptions(Encoding? Encoding = null, char? Separator = null, int MaxCellChars = CsvReadOptions.DefaultMaxCellChars)
{
    /// <summary>1 MiB characters: far above any form answer, far below what would exhaust memory.</summary>
    public const int DefaultMaxCellChars = 1 << 20;

    /// <summary>The defaults: UTF-8 unless the file has a byte-order mark, the separator detected, cells of at most
    /// <see cref="DefaultMaxCellChars"/> characters.</summary>
    public static CsvReadOptions Default { get; } = new();
}
