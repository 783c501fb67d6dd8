namespace Mosaic.Core.Import.Csv;

/// <summary>How a CSV file is written.</summary>
/// <param name="FormulaGuard">
/// Neutralise text cells that a spreadsheet would run as a formula (on by default: CSVs are opened by people).
/// Off only for machine pipelines that must get every value byte for byte.
/// </param>
/// <param name="Separator">Field separator.</param>
public sealed record CsvWriteOptions(bool FormulaGuard = true, char Separator = ',')
{
    /// <summary>For people: formula guard on.</summary>
    public static CsvWriteOptions Default { get; } = new();

    /// <summary>For machine pipelines: every value exactly as stored.</summary>
    public static CsvWriteOptions Raw { get; } = new(FormulaGuard: false);
}
