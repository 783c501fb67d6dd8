using Mosaic.Core.Application.Reports;
using Mosaic.Core.Import;

namespace Mosaic.Server.Imports;

/// <summary>An uploaded file being imported: its state, progress and, once done, its summary and error report.</summary>
internal sealed class ImportJob(string id, string kind, string fileName, string userName, DateTimeOffset startedAt, string directory)
{
    private readonly Lock _lock = new();

    /// <summary>The job's id, as the API's URLs name it.</summary>
    public string Id { get; } = id;

    /// <summary>What is imported: <c>registrations</c>, <c>dtm</c>, <c>flows</c> or <c>areas</c>.</summary>
    public string Kind { get; } = kind;

    /// <summary>The uploaded file's name.</summary>
    public string FileName { get; } = fileName;

    /// <summary>Who uploaded it: only they and administrators see the job.</summary>
    public string UserName { get; } = userName;

    /// <summary>When the upload was accepted.</summary>
    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>Where the upload and its error report are kept.</summary>
    public string Directory { get; } = directory;

    /// <summary><c>queued</c>, <c>running</c>, <c>succeeded</c>, <c>rejected</c> or <c>failed</c>.</summary>
    public string State { get; private set; } = "queued";

    /// <summary>Share of the work done, 0 to 1.</summary>
    public double Progress { get; private set; }

    /// <summary>Why the job failed, or null.</summary>
    public string? Message { get; private set; }

    /// <summary>The counts of a finished import, or null while it runs.</summary>
    public ImportSummary? Summary { get; private set; }

    /// <summary>The problems of a finished import (rejected rows and warnings).</summary>
    public IReadOnlyList<ImportIssue> Issues { get; private set; } = [];

    /// <summary>The error report (CSV), when the import found problems.</summary>
    public string? ErrorsFile { get; private set; }

    /// <summary>Marks the job running, with the share of work done.</summary>
    public void Running(double progress)
    {
        lock (_lock)
        {
            State = "running";
            Progress = Math.Clamp(progress, 0, 1);
        }
    }

    /// <summary>Marks the job finished: committed or rejected, with its counts, its issues and its errors
    /// report.</summary>
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

    /// <summary>Marks the job failed with a message for the user.</summary>
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
