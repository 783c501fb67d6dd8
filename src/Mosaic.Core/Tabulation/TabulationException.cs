using Mosaic.Core.Application;

namespace Mosaic.Core.Tabulation;

/// <summary>A request or definition that cannot be tabulated; the message is meant for the user as is.</summary>
public sealed class TabulationException : Exception
{
    /// <summary>A request that cannot be tabulated, with the message the user sees and no remedy.</summary>
    public TabulationException(string message) : base(message)
    {
    }

    /// <param name="remedy">The request setting that would fix it, for the front end's hint.</param>
    public TabulationException(string message, RequestSetting remedy) : base(message) => Remedy = remedy;

    /// <summary>A request that cannot be tabulated, with its message and the exception behind it.</summary>
    public TabulationException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>The request setting that would fix it, if one does.</summary>
    public RequestSetting Remedy { get; }

    /// <summary>A request that cannot be tabulated, with the default message.</summary>
    public TabulationException()
    {
    }
}
