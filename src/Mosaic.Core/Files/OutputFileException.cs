namespace Mosaic.Core.Files;

/// <summary>An output file cannot be written where asked; the message says why in the user's words.</summary>
public sealed class OutputFileException : Exception
{
    /// <summary>An output file that cannot be written, with the default message and no path.</summary>
    public OutputFileException()
    {
    }

    /// <summary>An output file that cannot be written, with the message the user sees and no path.</summary>
    public OutputFileException(string message) : base(message)
    {
    }

    /// <summary>An output file that cannot be written, with the message the user sees and the exception behind
    /// it.</summary>
    public OutputFileException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a target path.</summary>
    public OutputFileException(OutputFileProblem problem, string path, string message) : base(message)
    {
        Problem = problem;
        Path = path;
    }

    /// <summary>What is wrong with the target.</summary>
    public OutputFileProblem Problem { get; }

    /// <summary>The full target path.</summary>
    public string? Path { get; }
}
