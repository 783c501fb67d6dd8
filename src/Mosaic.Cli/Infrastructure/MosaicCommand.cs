using System.CommandLine;
using Mosaic.Core.Storage;

namespace Mosaic.Cli.Infrastructure;

/// <summary>
/// Base of every leaf command: adds <c>--db</c> and <c>--json</c>, turns user-facing failures into a
/// clear message on stderr and a named exit code.
/// </summary>
public abstract class MosaicCommand : Command
{
    protected MosaicCommand(string name, string description) : base(name, description)
    {
        Options.Add(DbOption);
        Options.Add(JsonOption);
        SetAction(Run);
    }

    public Option<string?> DbOption { get; } = CommonOptions.Db();

    public Option<bool> JsonOption { get; } = CommonOptions.Json();

    private int Run(ParseResult parse)
    {
        var console = new CliConsole(parse, parse.GetValue(JsonOption));
        try
        {
            return Execute(parse, console);
        }
        catch (CliException ex)
        {
            console.Fail(ex.Message);
            return ex.ExitCode;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Fail(ex.Message);
            return ExitCodes.FileNotFound;
        }
        catch (StoreException ex)
        {
            // Store messages name the database (never a password) and say what is wrong with it.
            console.Fail($"database error: {ex.Message}");
            return ExitCodes.DatabaseUnavailable;
        }
    }

    protected abstract int Execute(ParseResult parse, CliConsole console);

    /// <summary>Fails with <see cref="ExitCodes.FileNotFound"/> unless the file exists.</summary>
    protected static string RequireFile(string? path)
    {
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
            throw new CliException(ExitCodes.FileNotFound, $"file not found: {path}");
        return path;
    }
}
