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

    /// <summary>The errors file path for an input file: the report of an import that rejected rows.</summary>
    public static string PathFor(string inputPath) => inputPath + ".errors.csv";

    /// <summary>The warnings file path for an input file: the report of an import that rejected nothing but warned.</summary>
    public static string WarningsPathFor(string inputPath) => inputPath + ".warnings.csv";

    /// <summary>The rejected rows, then the warnings (their reason starting "warning: "): one report, errors first.</summary>
    public static IReadOnlyList<ImportIssue> Combine(IReadOnlyCollection<ImportIssue> errors, IReadOnlyCollection<ImportIssue> warnings)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(warnings);
        return errors.Concat(warnings.Select(w => w with { Reason = "warning: " + w.Reason })).ToList();
    }

    /// <summary>
    /// Writes an import's report beside its input: <c>&lt;input&gt;.errors.csv</c> when rows were rejected (warnings
    /// listed after them), <c>&lt;input&gt;.warnings.csv</c> when there are only warnings, nothing when the import was
    /// clean. The report of an earlier import of the same file that no longer applies is removed, so the file beside
    /// the input always describes the last import.
    /// </summary>
    /// <returns>The report written, or null when there was nothing to report.</returns>
    /// <exception cref="ImportErrorFileException">The report cannot be written there.</exception>
    public static ImportReportFile? WriteBeside(string inputPath, IReadOnlyCollection<ImportIssue> errors, IReadOnlyCollection<ImportIssue> warnings)
    {
        var errorsPath = PathFor(inputPath);
        var warningsPath = WarningsPathFor(inputPath);
        if (errors.Count > 0)
        {
            Remove(warningsPath);
            WriteFile(errorsPath, Combine(errors, warnings), []);
            return new ImportReportFile(errorsPath, WarningsOnly: false);
        }
        Remove(errorsPath);
        if (warnings.Count > 0)
        {
            WriteFile(warningsPath, Combine(errors, warnings), []);
            return new ImportReportFile(warningsPath, WarningsOnly: true);
        }
        Remove(warningsPath);
        return null;
    }

    /// <summary>
    /// Writes an import's report to a file the user named (replacing it), even when there is nothing to report (the
    /// header alone then says the import was clean), and never onto <paramref name="protectedFiles"/>.
    /// </summary>
    /// <exception cref="ImportErrorFileException">The report cannot be written there.</exception>
    public static ImportReportFile WriteAt(string path, IReadOnlyCollection<ImportIssue> errors, IReadOnlyCollection<ImportIssue> warnings,
        IEnumerable<string> protectedFiles)
    {
        WriteFile(path, Combine(errors, warnings), protectedFiles);
        return new ImportReportFile(path, WarningsOnly: errors.Count == 0 && warnings.Count > 0);
    }

    /// <summary>Writes the issues beside the input as its errors file (replacing an older one); deletes a stale one when there are none.</summary>
    /// <returns>The path written, or null when there was nothing to report.</returns>
    /// <exception cref="ImportErrorFileException">The report cannot be written there (no permission, no folder, a folder in the way).</exception>
    public static string? Write(string inputPath, IReadOnlyCollection<ImportIssue> issues) => WriteBeside(inputPath, issues, [])?.Path;

    private static void WriteFile(string path, IReadOnlyCollection<ImportIssue> issues, IEnumerable<string> protectedFiles)
    {
        try
        {
            using var output = OutputFile.Begin(path, replace: true, protectedFiles);
            using (var stream = output.OpenWrite())
            using (var text = new StreamWriter(stream, s_utf8, bufferSize: 1 << 16))
                WriteTo(text, issues);
            output.Commit();
        }
        catch (Exception ex) when (ex is OutputFileException or IOException or UnauthorizedAccessException)
        {
            throw new ImportErrorFileException(path, ex is OutputFileException ? ex.Message : $"cannot write {path}: {Reason(ex)}", ex);
        }
    }

    private static void Remove(string path)
    {
        try
        {
            if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
                File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ImportErrorFileException(path, $"cannot remove the stale report {path}: {Reason(ex)}", ex);
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

/// <summary>An import's report as written: where, and whether it holds only warnings (no row was rejected).</summary>
public sealed record ImportReportFile(string Path, bool WarningsOnly);

/// <summary>The errors file of an import could not be written; the report must then be shown another way.</summary>
public sealed class ImportErrorFileException(string path, string message, Exception inner) : IOException(message, inner)
{
    /// <summary>The errors file path that could not be written.</summary>
    public string ErrorFilePath { get; } = path;
}
