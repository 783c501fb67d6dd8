using System.Text;
using Mosaic.Core.Files;
using Mosaic.Core.Import.Csv;

namespace Mosaic.Core.Import;

/// <summary>
/// Writes rejected rows to <c>&lt;input&gt;.errors.csv</c> beside the input, safely: through a temporary file renamed
/// into place (<see cref="OutputFile"/>), so a symbolic link planted at that name is replaced, never written through,
/// and a reader never sees half a report.
/// </summary>
public static class ImportErrorFile
{
    /// <summary>Most problems listed in one report (a file broken on every row would otherwise give a report bigger than itself).</summary>
    public const int MaxIssues = 10_000;

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The errors file path for an input file.</summary>
    public static string PathFor(string inputPath) => inputPath + ".errors.csv";

    /// <summary>Writes the issues (replacing an older errors file); deletes a stale one when there are none.</summary>
    /// <returns>The path written, or null when there was nothing to report.</returns>
    /// <exception cref="ImportErrorFileException">The report cannot be written there (no permission, no folder, a folder in the way).</exception>
    public static string? Write(string inputPath, IReadOnlyCollection<ImportIssue> issues)
    {
        var path = PathFor(inputPath);
        try
        {
            if (issues.Count == 0)
            {
                if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
                    File.Delete(path);
                return null;
            }
            using var output = OutputFile.Begin(path, replace: true, protectedFiles: []);
            using (var stream = output.OpenWrite())
            using (var text = new StreamWriter(stream, s_utf8, bufferSize: 1 << 16))
                WriteTo(text, issues);
            output.Commit();
            return path;
        }
        catch (Exception ex) when (ex is OutputFileException or IOException or UnauthorizedAccessException)
        {
            throw new ImportErrorFileException(path, ex is OutputFileException ? ex.Message : $"cannot write {path}: {Reason(ex)}", ex);
        }
    }

    /// <summary>Writes the report as CSV (header, at most <see cref="MaxIssues"/> problems, a line counting the rest).</summary>
    public static void WriteTo(TextWriter output, IReadOnlyCollection<ImportIssue> issues)
    {
        using var csv = new CsvWriter(output);
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
    }

    private static string Reason(Exception ex) => ex switch
    {
        UnauthorizedAccessException => "no permission",
        DirectoryNotFoundException => "the folder does not exist",
        _ => "the file system refused it",
    };
}

/// <summary>The errors file of an import could not be written; the report must then be shown another way.</summary>
public sealed class ImportErrorFileException(string path, string message, Exception inner) : IOException(message, inner)
{
    /// <summary>The errors file path that could not be written.</summary>
    public string ErrorFilePath { get; } = path;
}
