using Mosaic.Core.Application.Reports;
using Mosaic.Core.Import;

namespace Mosaic.Server.Imports;

/// <summary>An uploaded file being imported: its state, progress and, once done, its summary and error report.</summary>
public sealed class ImportJob(string id, string kind, string fileName, string userName, DateTimeOffset startedAt, string directory)
{
    private readonly Lock _lock = new();

    public string Id { get; } = id;

    public string Kind { get; } = kind;

    public string FileName { get; } = fileName;

    /// <summary>Who uploaded it: only they and administrators see the job.</summary>
    public string UserName { get; } = userName;

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>Where the upload and its error report are kept.</summary>
    public string Directory { get; } = directory;

    public string State { get; private set; } = "queued";

    public double Progress { get; private set; }

    public string? Message { get; private set; }

    public ImportSummary? Summary { get; private set; }

    public IReadOnlyList<ImportIssue> Issues { get; private set; } = [];

    /// <summary>The error report (CSV), when the import found problems.</summary>
    public string? ErrorsFile { get; private set; }

    public void Running(double progress)
    {
        lock (_lock)
        {
            State = "running";
            Progress = Math.Clamp(progress, 0, 1);
        }
    }

    public void Finished(bool committed, ImportSummary summary, IReadOnlyList<ImportIssue> issues, string? errorsFile)
    {
        lock (_lock)
        {
            State = committed ? "succeeded" : "rejected";
            Progress = 1;
            Summary = summary;
            Issues = issues;
            ErrorsFile = errorsFile;
        }
    }

    public void Failed(string message)
    {
        lock (_lock)
        {
            State = "failed";
            Message = message;
        }
    }

    /// <summary>This job as the API shows it, with its first <paramref name="issues"/> problems.</summary>
    public ImportJobReport Report(int issues)
    {
        lock (_lock)
            return new ImportJobReport(Id, Kind, FileName, UserName, StartedAt, State, Math.Round(Progress, 3), Message, Summary, Issues.Count, [.. Issues.Take(issues)]);
    }
}
