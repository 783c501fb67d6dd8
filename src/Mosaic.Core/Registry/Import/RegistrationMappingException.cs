namespace Mosaic.Core.Registry.Import;

/// <summary>A mapping file that cannot be used, with every problem found in it.</summary>
public sealed class RegistrationMappingException : Exception
{
    /// <summary>A mapping file at <paramref name="path"/> with the problems listed; the message names the file and
    /// lists them.</summary>
    public RegistrationMappingException(string path, IReadOnlyList<string> problems)
        : base($"mapping file {Path.GetFileName(path)} is not valid:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
    {
        Problems = problems;
    }

    /// <summary>A mapping exception with no problem listed.</summary>
    public RegistrationMappingException()
    {
        Problems = [];
    }

    /// <summary>A mapping exception with one problem, its message.</summary>
    public RegistrationMappingException(string message) : base(message)
    {
        Problems = [message];
    }

    /// <summary>A mapping exception with one problem, its message, and the exception that caused it.</summary>
    public RegistrationMappingException(string message, Exception innerException) : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Each problem, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; }
}
