namespace Mosaic.Cli.Infrastructure;

/// <summary>A user-facing failure: its message is printed as is and the process exits with <see cref="ExitCode"/>.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
