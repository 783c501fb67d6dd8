namespace Mosaic.Core.Registry.Import;

/// <summary>A mapping file that cannot be used, with every problem found in it.</summary>
public sealed class RegistrationMappingException : Exception
{
    public RegistrationMappingException(string path, IReadOnlyList<string> problems)
        : base($"mapping file {Path.GetFileName(path)} is not valid:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
    {
        Problems = problems;
    }

    public RegistrationMappingException()
    {
        Problems = [];
    }

    public RegistrationMappingException(string message) : base(message)
    {
        Problems = [message];
    }

    public RegistrationMappingException(string message, Exception innerException) : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Each problem, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; }
}
