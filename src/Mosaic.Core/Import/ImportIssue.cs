using Mosaic.Core.Application;

namespace Mosaic.Core.Import;

/// <summary>
/// One rejected input row or field: where it is (file, sheet, row, column), what it held, and why it was
/// rejected. Every import reports these; none is ever dropped silently.
/// </summary>
/// <param name="File">Input file name as given by the user.</param>
/// <param name="Sheet">Sheet (XLSX) or member file, when the input has several.</param>
/// <param name="Row">1-based row number as a spreadsheet shows it (the header is row 1).</param>
/// <param name="Column">Column header, when the problem is in one field.</param>
/// <param name="Value">The offending value as read.</param>
/// <param name="Reason">Plain-language reason.</param>
public sealed record ImportIssue(string File, string? Sheet, long Row, string? Column, string? Value, string Reason)
{
    /// <summary>The request setting that would fix it, for the front end's hint (never part of the reason).</summary>
    public RequestSetting Remedy { get; init; }

    /// <summary>The issue in words: <c>FILE [SHEET], row N, column 'C': reason (value 'V')</c>, leaving out what is not
    /// known.</summary>
    public override string ToString()
    {
        var where = Sheet is null ? $"{File}, row {Row}" : $"{File} [{Sheet}], row {Row}";
        if (Column is not null)
            where += $", column '{Column}'";
        return Value is null ? $"{where}: {Reason}" : $"{where}: {Reason} (value '{Value}')";
    }
}
