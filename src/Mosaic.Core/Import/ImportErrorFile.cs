using Mosaic.Core.Import.Csv;

namespace Mosaic.Core.Import;

/// <summary>Writes rejected rows to <c>&lt;input&gt;.errors.csv</c> beside the input.</summary>
public static class ImportErrorFile
{
    /// <summary>Most problems listed in one report (a file broken on every row would otherwise give a report bigger than itself).</summary>
    public const int MaxIssues = 10_000;

    /// <summary>The errors file path for an input file.</summary>
    public static string PathFor(string inputPath) => inputPath + ".errors.csv";

    /// <summary>Writes the issues (replacing an older errors file); deletes a stale one when there are none.</summary>
    /// <returns>The path written, or null when there was nothing to report.</returns>
    public static string? Write(string inputPath, IReadOnlyCollection<ImportIssue> issues)
    {
        var path = PathFor(inputPath);
        if (issues.Count == 0)
        {
            if (File.Exists(path))
                File.Delete(path);
            return null;
        }
        using var csv = CsvWriter.Create(path);
        csv.WriteRow("file", "sheet", "row", "column", "value", "reason");
        var written = 0;
        ImportIssue? last = null;
        foreach (var i in issues)
        {
            if (written == MaxIssues)
                break;
            csv.Text(i.File);
            csv.Text(i.Sheet);
            csv.Number(i.Row);
            csv.Text(i.Column);
            csv.Text(i.Value);
            csv.Text(i.Reason);
            csv.EndRow();
            written++;
            last = i;
        }
        if (issues.Count > written)
        {
            csv.WriteRow(last!.File, null, null, null, null, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"… and {issues.Count - written:N0} more problem(s) not listed: the report stops at {MaxIssues:N0}"));
        }
        return path;
    }
}
