using System.Collections.Concurrent;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Areas.Import;
using Mosaic.Core.Import;
using Mosaic.Core.Mobility.Import;
using Mosaic.Core.Registry.Import;
using Mosaic.Server.Infrastructure;

namespace Mosaic.Server.Imports;

/// <summary>
/// Runs uploaded imports one at a time in the background, through the same Core importers as <c>mosaic import</c>,
/// and keeps each job's state for the dashboard to poll. The registry's version moves with each committed import,
/// so the next tabulation reads the new figures (no restart).
/// </summary>
internal sealed class ImportRunner(MosaicDatabase database, TimeProvider clock) : IDisposable
{
    /// <summary>The kinds of file accepted.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["registrations", "dtm", "flows", "areas"];

    private readonly ConcurrentDictionary<string, ImportJob> _jobs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _one = new(1, 1);
    // A job outlives its upload request: it stops (rolled back) only when the server stops.
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mosaic-uploads", Guid.NewGuid().ToString("N"));

    /// <summary>The job with this id, or null.</summary>
    public ImportJob? Find(string id) => _jobs.GetValueOrDefault(id);

    /// <summary>Jobs newest first.</summary>
    public IReadOnlyList<ImportJob> All() => [.. _jobs.Values.OrderByDescending(j => j.StartedAt)];

    /// <summary>Saves the upload and queues its import; a scoped uploader's households must all lie in <paramref name="scope"/>.</summary>
    public async Task<ImportJob> StartAsync(string kind, string userName, string? scope, string fileName, Stream file, string? membersName, Stream? members, bool skipInvalid)
    {
        if (scope is not null && kind != "registrations")
            throw new ArgumentException("only registrations can be imported within an area scope", nameof(kind));
        var id = Guid.NewGuid().ToString("N")[..12];
        var dir = Path.Combine(_root, id);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, SafeName(fileName));
        await using (var output = File.Create(path))
            await file.CopyToAsync(output);
        ImportSource? roster = null;
        if (members is not null && membersName is not null)
        {
            // Saved under a prefix (it may have the main file's name); read under the name the user gave it.
            var membersPath = Path.Combine(dir, "members-" + SafeName(membersName));
            await using (var output = File.Create(membersPath))
                await members.CopyToAsync(output);
            roster = Upload(membersPath, membersName);
        }
        var job = new ImportJob(id, kind, fileName, userName, clock.GetUtcNow(), dir);
        _jobs[id] = job;
        _ = Task.Run(async () =>
        {
            await _one.WaitAsync();
            try
            {
                await RunAsync(job, path, roster, skipInvalid, scope, _stopping.Token);
            }
            finally
            {
                _one.Release();
            }
        });
        return job;
    }

    private async Task RunAsync(ImportJob job, string path, ImportSource? roster, bool skipInvalid, string? scope, CancellationToken cancellationToken)
    {
        job.Running(0);
        try
        {
            using var store = await database.OpenAsync(cancellationToken);
            switch (job.Kind)
            {
                case "registrations":
                {
                    var input = RegistrationInput.Detect(Upload(path, job.FileName), roster);
                    var r = await RegistrationImporter.ImportAsync(store, input, RegistrationMapping.Default, new RegistrationImportOptions(skipInvalid,
                        p => job.Running(p.TotalBytes > 0 ? (double)p.BytesRead / p.TotalBytes : 0)) { AreaScope = scope }, cancellationToken);
                    Finish(job, path, r.Committed, new ImportSummary(r.HouseholdsImported, r.DuplicatesSkipped, r.HouseholdsRejected, r.HouseholdsDeclined),
                        r.Issues, r.Warnings);
                    break;
                }
                case "dtm":
                {
                    var r = await DtmImporter.ImportAsync(store.Areas, store.Mobility, Upload(path, job.FileName), new DtmImportOptions { SkipInvalid = skipInvalid },
                        cancellationToken);
                    Finish(job, path, r.Committed, new ImportSummary(r.Counts.Inserted + r.Counts.Updated, r.Counts.Unchanged, r.Errors.Count), r.Errors, r.Warnings);
                    break;
                }
                case "flows":
                {
                    var r = await FlowImporter.ImportAsync(store.Mobility, Upload(path, job.FileName), new DtmImportOptions { SkipInvalid = skipInvalid },
                        cancellationToken);
                    Finish(job, path, r.Committed, new ImportSummary(r.Counts.Inserted + r.Counts.Updated, r.Counts.Unchanged, r.Issues.Count), r.Issues, r.Warnings);
                    break;
                }
                default:
                {
                    var r = await AreaImporter.ImportAsync(store.Areas, Upload(path, job.FileName), null, skipInvalid, cancellationToken: cancellationToken);
                    Finish(job, path, r.Committed, new ImportSummary(r.Counts.Inserted + r.Counts.Updated, r.Counts.Unchanged, r.Issues.Count), r.Issues, r.Warnings);
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is RegistrationInputException or RegistrationMappingException or InvalidDataException or IOException
                                       or FormatException or Core.Storage.StoreException)
        {
            job.Failed(ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            job.Failed("the server stopped during the import: nothing was imported");
        }
    }

    /// <summary>Ends the job with its rejected rows and warnings, both in the job and in its report file.</summary>
    private static void Finish(ImportJob job, string path, bool committed, ImportSummary summary, IReadOnlyCollection<ImportIssue> errors,
        IReadOnlyCollection<ImportIssue> warnings) =>
        job.Finished(committed, summary, ImportErrorFile.Combine(errors, warnings), ImportErrorFile.WriteBeside(path, errors, warnings)?.Path);

    /// <summary>A saved upload, named in messages as the user named it (not by the server's copy).</summary>
    private static ImportSource Upload(string path, string name) => ImportSource.FromFile(path, Path.GetFileName(name));

    /// <summary>Cancels the imports still running and disposes the semaphore that runs one at a time.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _one.Dispose();
    }

    private static string SafeName(string name)
    {
        var file = Path.GetFileName(name);
        foreach (var c in Path.GetInvalidFileNameChars())
            file = file.Replace(c, '_');
        return string.IsNullOrWhiteSpace(file) || file.StartsWith('.') ? "upload" + file : file;
    }
}
