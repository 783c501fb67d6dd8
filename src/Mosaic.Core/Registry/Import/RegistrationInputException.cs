namespace Mosaic.Core.Registry.Import;

/// <summary>An input whose layout cannot be imported at all (no member sheet, no id column, not an XLSX, …).</summary>
public sealed class RegistrationInputException : Exception
{
    public RegistrationInputException()
    {
    }

    public RegistrationInputException(string message) : base(message)
    {
    }

    public RegistrationInputException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
