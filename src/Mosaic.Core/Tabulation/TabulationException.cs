namespace Mosaic.Core.Tabulation;

/// <summary>A request or definition that cannot be tabulated; the message is meant for the user as is.</summary>
public sealed class TabulationException : Exception
{
    public TabulationException(string message) : base(message)
    {
    }

    public TabulationException(string message, Exception inner) : base(message, inner)
    {
    }

    public TabulationException()
    {
    }
}
