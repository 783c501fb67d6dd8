using System.CommandLine;
using Mosaic.Core.Application;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Files;
using Mosaic.Core.Import;
using Mosaic.Core.Privacy;
using Mosaic.Core.Storage;

namespace Mosaic.Cli.Infrastructure;

/// <summary>
/// Base of every leaf command: adds <c>--db</c> and <c>--json</c>, turns user-facing failures into a
/// clear message on stderr and a named exit code.
/// </summary>
internal abstract class MosaicCommand : Command
{
    protected MosaicCommand(string name, string description) : base(name, description)
    {
        Options.Add(DbOption);
        Options.Add(JsonOption);
        SetAction(Run);
    }

    public Option<string?> DbOption { get; } = CommonOptions.Db();

    public Option<bool> JsonOption { get; } = CommonOptions.Json();

    /// <summary><c>--force</c>, for commands that write an output file (add it to their options).</summary>
    protected Option<bool> ForceOption { get; } = CommonOptions.Force();

    /// <summary><c>--errors FILE</c>, for the imports (add it to their options).</summary>
    protected Option<string?> ErrorsOption { get; } = CommonOptions.Errors();

    private int Run(ParseResult parse)
    {
        using var interruption = new Interruption(parse.InvocationConfiguration.Error);
        var console = new CliConsole(parse, parse.GetValue(JsonOption), interruption);
        try
        {
            // The one place the CLI waits on asynchronous work: the action stays synchronous so that Interruption,
            // not System.CommandLine, owns Ctrl-C and SIGTERM. Console apps have no synchronisation context, so the
            // wait cannot deadlock; the store calls get the same token the cooperative regions cancel.
            return ExecuteAsync(parse, console, interruption.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (interruption.Token.IsCancellationRequested)
        {
            return console.Failed("cancelled: the work in progress was rolled back and no partial output was left", ExitCodes.Cancelled);
        }
        catch (CliException ex)
        {
            return console.Failed(ex.Message, ex.ExitCode);
        }
        catch (RequestRejectedException ex)
        {
            return console.Failed(ex.Message, ExitCodes.InputRejected);
        }
        catch (AccessDeniedException ex)
        {
            return console.Failed(ex.Message, ExitCodes.InputRejected);
        }
        catch (OutputFileException ex)
        {
            return console.Failed(ex.Problem == OutputFileProblem.Exists ? ex.Message + "; add --force to replace it" : ex.Message,
                ex.Problem == OutputFileProblem.NotWritable ? ExitCodes.FileNotFound : ExitCodes.Usage);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return console.Failed(ex.Message, ExitCodes.FileNotFound);
        }
        catch (StoreException ex)
        {
            // Store messages name the database (never a password) and say what is wrong with it.
            return console.Failed($"database error: {ex.Message}", ExitCodes.DatabaseUnavailable);
        }
        catch (InputFormatException ex)
        {
            return console.Failed(ex.Message + InputHints.For(ex.Problem), ExitCodes.InputRejected);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var code = InternalError.Report(ex, parse, console.Error);
            if (console.Json && !console.WroteJson)
                console.WriteJson(new ErrorReport("internal error, please report it with the command you ran", code));
            return code;
        }
    }

    /// <summary>The command's work, for a command that makes no asynchronous call (override this or <see cref="ExecuteAsync"/>).</summary>
    protected virtual int Execute(ParseResult parse, CliConsole console) =>
        throw new NotSupportedException($"{GetType().Name} overrides neither Execute nor ExecuteAsync");

    /// <summary>
    /// The command's work: <paramref name="cancellationToken"/> is the Ctrl-C token (<see cref="Interruption.Token"/>),
    /// passed to every store call and Core use case. The default runs <see cref="Execute"/>.
    /// </summary>
    protected virtual Task<int> ExecuteAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken) =>
        Task.FromResult(Execute(parse, console));

    /// <summary>
    /// The command's unit of work on <c>--db</c> (see <see cref="StoreLocator.OpenAsync"/>): only init, demo and the imports
    /// pass <paramref name="create"/>; a wait for another writer is said on stderr. Ctrl-C (<paramref name="cancellationToken"/>)
    /// stops a migration too.
    /// </summary>
    protected Task<IMosaicStore> OpenStoreAsync(ParseResult parse, CliConsole console, bool create = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(console);
        return StoreLocator.OpenAsync(parse.GetValue(DbOption), create, console.Error.WriteLine, cancellationToken);
    }

    /// <summary>
    /// Starts writing an output file safely (see <see cref="OutputFile"/>): never onto the database, an existing
    /// file only with <c>--force</c>. Commit it when complete; disposing it uncommitted removes the partial file.
    /// </summary>
    protected CliOutput BeginOutput(ParseResult parse, CliConsole console, string path)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(console);
        var force = Options.Contains(ForceOption) && parse.GetValue(ForceOption);
        var existed = File.Exists(path);
        var file = OutputFile.Begin(path, force, StoreLocator.Files(parse.GetValue(DbOption)));
        return new CliOutput(file, console.Interruption, existed);
    }

    /// <summary>
    /// The report file named with <c>--errors</c>, checked before anything is imported: never one of the
    /// <paramref name="inputs"/> nor the database. Null when the report goes beside the input.
    /// </summary>
    protected string? ReportTarget(ParseResult parse, params string?[] inputs)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.GetValue(ErrorsOption) is not { Length: > 0 } target)
            return null;
        var full = Path.GetFullPath(target);
        var guarded = inputs.OfType<string>().Concat(StoreLocator.Files(parse.GetValue(DbOption)));
        if (guarded.Any(f => string.Equals(Path.GetFullPath(f), full, StringComparison.Ordinal)) || Directory.Exists(full))
            throw new CliException(ExitCodes.Usage, $"--errors {target}: that is an input file, the database or a folder; name a new file for the report");
        return target;
    }

    /// <summary>
    /// Writes an import's report: to the <c>--errors</c> file (<paramref name="target"/>) when one was named, else
    /// beside <paramref name="inputPath"/> (see <see cref="ImportErrorFile.WriteBeside"/>).
    /// </summary>
    protected ImportReportFile? WriteImportReport(ParseResult parse, CliConsole console, string inputPath, string? target,
        IReadOnlyCollection<ImportIssue> errors, IReadOnlyCollection<ImportIssue> warnings)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(console);
        return console.WriteReport(() => target is null
                ? ImportErrorFile.WriteBeside(inputPath, errors, warnings)
                : ImportErrorFile.WriteAt(target, errors, warnings, StoreLocator.Files(parse.GetValue(DbOption)).Append(inputPath)),
            ImportErrorFile.Combine(errors, warnings));
    }

    /// <summary>Fails with <see cref="ExitCodes.FileNotFound"/> unless the file exists.</summary>
    protected static string RequireFile(string? path)
    {
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
            throw new CliException(ExitCodes.FileNotFound, $"file not found: {path}");
        return path;
    }
}
