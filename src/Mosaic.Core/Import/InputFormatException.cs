namespace Mosaic.Core.Import;

/// <summary>
/// An input file that cannot be read at all past a point (a stray quote, a row cut short, bytes that are not
/// the file's encoding, a limit exceeded, a malformed workbook): nothing of it may be imported, because what
/// follows cannot be trusted. <see cref="Issue"/> names the file, row, column and reason.
/// </summary>
public sealed class InputFormatException : Exception
{
    /// <summary>An unreadable input, with an issue naming no file or row ("the input cannot be read").</summary>
    public InputFormatException()
        : this(new ImportIssue("", null, 0, null, null, "the input cannot be read"))
    {
    }

    /// <summary>An unreadable input, with an issue that names no file or row and says
    /// <paramref name="message"/>.</summary>
    public InputFormatException(string message)
        : this(new ImportIssue("", null, 0, null, null, message))
    {
    }

    /// <summary>An unreadable input, with an issue that names no file or row, and the exception behind it.</summary>
    public InputFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Issue = new ImportIssue("", null, 0, null, null, message);
    }

    /// <summary>An unreadable input at the file, row and column of <paramref name="issue"/>; the message is the issue
    /// in words.</summary>
    public InputFormatException(ImportIssue issue, InputProblem problem = InputProblem.Structure, Exception? innerException = null)
        : base(issue.ToString(), innerException)
    {
        Issue = issue;
        Problem = problem;
    }

    /// <summary>The kind of problem, for hints a front end may add.</summary>
    public InputProblem Problem { get; }

    /// <summary>Where the file stops being readable, and why.</summary>
    public ImportIssue Issue { get; }
}
