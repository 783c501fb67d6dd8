namespace Mosaic.Cli.Infrastructure;

/// <summary>Process exit codes of <c>mosaic</c>.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>An unexpected failure (a bug or an I/O fault).</summary>
    public const int Failure = 1;

    /// <summary>The command line was not valid (System.CommandLine's own code).</summary>
    public const int Usage = 2;

    /// <summary>Input was rejected (some or all rows); see the errors file.</summary>
    public const int InputRejected = 3;

    /// <summary>The database could not be opened or is of an unsupported kind/version.</summary>
    public const int DatabaseUnavailable = 4;

    /// <summary>An input file does not exist or cannot be read.</summary>
    public const int FileNotFound = 5;

    /// <summary><c>mosaic audit verify</c> found the audit log changed, cut or reordered.</summary>
    public const int AuditLogTampered = 6;

    /// <summary>A bug in Mosaic (an unexpected exception): "internal error, please report" (BSD sysexits EX_SOFTWARE).</summary>
    public const int InternalError = 70;

    /// <summary>Stopped by Ctrl-C (128 + SIGINT, as shells report it): nothing was committed or left half-written.</summary>
    public const int Cancelled = 130;
}
