namespace Mosaic.Core.Registry.Import;

/// <summary>One table of an input: a CSV file, an XLSX sheet or a CSV inside an ODK zip.</summary>
/// <param name="File">File name as shown to the user (the zip or workbook for inner tables).</param>
/// <param name="Sheet">Sheet or inner file name, or null for a plain CSV.</param>
/// <param name="Headers">Column headers as written in the file.</param>
/// <param name="IsSpreadsheet">Whether values come from spreadsheet cells (dates may then be serial numbers).</param>
public sealed record SourceTable(string File, string? Sheet, IReadOnlyList<string> Headers, bool IsSpreadsheet);
