using Mosaic.Core.Files;

namespace Mosaic.Cli.Infrastructure;

/// <summary>
/// An <see cref="OutputFile"/> that Ctrl-C also cleans up: while it is being written its temporary file is
/// tracked, so stopping the command at any point leaves no partial output.
/// </summary>
internal sealed class CliOutput : IDisposable
{
    private readonly OutputFile _file;
    private readonly Interruption? _interruption;

    internal CliOutput(OutputFile file, Interruption? interruption, bool existed)
    {
        _file = file;
        _interruption = interruption;
        Replaced = existed;
        _interruption?.Track(file.TemporaryPath);
    }

    /// <summary>The full path of the output once committed.</summary>
    public string Path => _file.Path;

    /// <summary>Where writers write until <see cref="Commit"/>.</summary>
    public string TemporaryPath => _file.TemporaryPath;

    /// <summary>Whether committing replaces a file that was there before (only with <c>--force</c>).</summary>
    public bool Replaced { get; }

    public FileStream OpenWrite() => _file.OpenWrite();

    /// <summary>Moves the finished file into place, unless the command was cancelled meanwhile.</summary>
    public void Commit()
    {
        _interruption?.Token.ThrowIfCancellationRequested();
        _file.Commit();
        _interruption?.Untrack(_file.TemporaryPath);
    }

    public void Dispose()
    {
        _file.Dispose();
        _interruption?.Untrack(_file.TemporaryPath);
    }
}
