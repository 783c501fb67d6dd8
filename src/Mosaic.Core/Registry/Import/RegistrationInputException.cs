using Mosaic.Core.Application;

namespace Mosaic.Core.Registry.Import;

/// <summary>An input whose layout cannot be imported at all (no member sheet, no id column, not an XLSX, …).</summary>
public sealed class RegistrationInputException : Exception
{
    /// <summary>An input that cannot be imported, with the default message and no remedy.</summary>
    public RegistrationInputException()
    {
    }

    /// <summary>An input that cannot be imported, with the message the user sees and no remedy.</summary>
    public RegistrationInputException(string message) : base(message)
    {
    }

    /// <param name="remedy">The setting that would fix it, for the front end's hint.</param>
    public RegistrationInputException(string message, RequestSetting remedy) : base(message) => Remedy = remedy;

    /// <summary>An input that cannot be imported, with its message and the exception behind it.</summary>
    public RegistrationInputException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>The setting that would fix it, if one does.</summary>
    public RequestSetting Remedy { get; }
}
