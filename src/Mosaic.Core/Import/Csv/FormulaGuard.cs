using System.Globalization;

namespace Mosaic.Core.Import.Csv;

/// <summary>
/// CSV injection defence (OWASP "CSV Injection"): a cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a
/// tab or a carriage return is run as a formula by Excel, LibreOffice and Google Sheets when the file is opened —
/// a registered name <c>=HYPERLINK("http://…","click")</c> would become a live link. Such a cell gets a leading
/// apostrophe, which spreadsheets show as text. Numbers (<c>-12</c>, <c>+3.5</c>, <c>-1e3</c>) are left alone: a
/// spreadsheet reads them as the same number, and negative changes between rounds must stay numbers.
/// </summary>
internal static class FormulaGuard
{
    /// <summary>Whether a spreadsheet would treat the text as a formula.</summary>
    public static bool IsDangerous(ReadOnlySpan<char> text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsNumber(text);

    /// <summary>The text as it is safe to write: unchanged, or with a leading apostrophe.</summary>
    public static string Neutralise(string text) => IsDangerous(text) ? "'" + text : text;

    private static bool IsNumber(ReadOnlySpan<char> text) =>
        text[0] is '-' or '+' && text.Length > 1 && (char.IsAsciiDigit(text[1]) || text[1] == '.') &&
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
