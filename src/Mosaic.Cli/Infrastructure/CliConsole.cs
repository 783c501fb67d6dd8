using System.CommandLine;
using System.Text.Json;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Import;
using Spectre.Console;

namespace Mosaic.Cli.Infrastructure;

/// <summary>
/// Where a command writes: plain text (or JSON with <c>--json</c>) on stdout, errors on stderr, and progress
/// bars only when stdout is an interactive terminal, so pipes and CI logs stay clean.
/// </summary>
internal sealed class CliConsole
{
    public CliConsole(ParseResult parse, bool json, Interruption? interruption = null)
    {
        Interruption = interruption;
        Out = parse.InvocationConfiguration.Output;
        Error = parse.InvocationConfiguration.Error;
        Json = json;
        IsTerminal = ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected && !Json;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>Whether <c>--json</c> was given: human text goes to stderr, the summary to stdout.</summary>
    public bool Json { get; }

    public bool IsTerminal { get; }

    /// <summary>Ctrl-C handling of the running command, if any.</summary>
    public Interruption? Interruption { get; }

    /// <summary>
    /// Writes a whole result (a table, a list) to stdout in one go: the console's own writer flushes at every write,
    /// a system call per row (a 950-row table took ~40 ms of them), so on the real console the result goes through a
    /// buffer flushed once at the end. A redirected <see cref="Out"/> (tests, the server) is written as it is.
    /// </summary>
    public void WriteResult(Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (!ReferenceEquals(Out, Console.Out))
        {
            write(Out);
            return;
        }
        Out.Flush();
        using var buffered = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16);
        write(buffered);
    }

    /// <summary>Writes a human-readable line (to stderr under <c>--json</c>, so stdout stays parseable).</summary>
    public void Info(string line) => (Json ? Error : Out).WriteLine(line);

    public void Fail(string message) => Error.WriteLine("error: " + message);

    /// <summary>How many problems an import lists on the terminal; the errors file has them all.</summary>
    public const int IssuesShown = 20;

    /// <summary>
    /// Lists an import's first problems on stderr, then where the whole list was written
    /// (<paramref name="what"/> describes it, e.g. "12 rejected row(s)").
    /// </summary>
    public void ReportIssues(IReadOnlyCollection<ImportIssue> issues, ImportReportFile? report, string what)
    {
        foreach (var issue in issues.Take(IssuesShown))
            Error.WriteLine(issue);
        if (issues.Count > IssuesShown)
            Error.WriteLine($"… {issues.Count - IssuesShown} more");
        foreach (var hint in InputHints.For(issues))
            Error.WriteLine(hint);
        if (report is not null && issues.Count > 0)
            Error.WriteLine($"{what} written to {report.Path}");
    }

    /// <summary>
    /// Writes an import's report (<paramref name="write"/> says where). When it cannot be written (no permission, a
    /// folder in the way), says so and prints the whole report as CSV on stderr instead: rejected rows are never
    /// hidden, and the import's own exit code stands.
    /// </summary>
    /// <returns>The report written, or null (nothing to report, or the report went to stderr).</returns>
    public ImportReportFile? WriteReport(Func<ImportReportFile?> write, IReadOnlyCollection<ImportIssue> all)
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            return write();
        }
        catch (ImportErrorFileException ex)
        {
            Fail($"{ex.Message}; the full report follows on stderr");
            ImportErrorFile.WriteTo(Error, all);
            Error.Flush();
            return null;
        }
    }

    /// <summary>The JSON Mosaic prints: a report of <see cref="MosaicJson"/> (indented, snake_case names).</summary>
    public static string ToJson(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.Serialize(value, value.GetType(), MosaicJson.Default);
    }

    public void WriteJson(object value)
    {
        Out.WriteLine(ToJson(value));
        WroteJson = true;
    }

    /// <summary>Whether the command printed its JSON document on stdout.</summary>
    public bool WroteJson { get; private set; }

    /// <summary>
    /// A command that fails after <c>--json</c> still prints JSON on stdout — <c>{"error": …, "exit_code": …}</c> —
    /// unless it printed its own document already; the message is on stderr as always.
    /// </summary>
    public int Failed(string message, int exitCode)
    {
        Fail(message);
        if (Json && !WroteJson)
            WriteJson(new ErrorReport(message, exitCode));
        return exitCode;
    }

    /// <summary>Runs work that cannot report its progress with a spinner on a terminal, plainly otherwise.</summary>
    public T WithStatus<T>(string label, Func<T> work)
    {
        if (!IsTerminal)
            return work();
        return AnsiConsole.Status().Start(label + " …", _ => work());
    }

    /// <summary>As <see cref="WithStatus{T}"/>, for asynchronous work.</summary>
    public async Task<T> WithStatusAsync<T>(string label, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!IsTerminal)
            return await work();
        return await AnsiConsole.Status().StartAsync(label + " …", _ => work());
    }

    /// <summary>
    /// Runs work with a progress bar on a terminal, plainly otherwise. Each progress report is a safe point to
    /// stop at: after Ctrl-C it throws <see cref="OperationCanceledException"/>, so the work's transaction rolls back.
    /// </summary>
    /// <param name="work">Receives a callback to report (done, total) progress.</param>
    public T WithProgress<T>(string label, Func<Action<long, long>, T> work)
    {
        using var region = Interruption?.Cooperative();
        var token = Interruption?.Token ?? CancellationToken.None;
        if (!IsTerminal)
            return work((_, _) => token.ThrowIfCancellationRequested());
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(label, maxValue: 1);
                result = work((done, total) =>
                {
                    token.ThrowIfCancellationRequested();
                    task.MaxValue = Math.Max(total, 1);
                    task.Value = done;
                });
            });
        return result;
    }

    /// <summary>As <see cref="WithProgress{T}"/>, for asynchronous work (pass it the Ctrl-C token too).</summary>
    public async Task<T> WithProgressAsync<T>(string label, Func<Action<long, long>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var region = Interruption?.Cooperative();
        var token = Interruption?.Token ?? CancellationToken.None;
        if (!IsTerminal)
            return await work((_, _) => token.ThrowIfCancellationRequested());
        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(label, maxValue: 1);
                result = await work((done, total) =>
                {
                    token.ThrowIfCancellationRequested();
                    task.MaxValue = Math.Max(total, 1);
                    task.Value = done;
                });
            });
        return result;
    }
}
