namespace Mosaic.Core.Application;

/// <summary>
/// A use case refused its request because of what is (or is not) in the database or the input — "no scores yet",
/// "unknown area P-code". Front ends show the message (the CLI exits 3, the server answers 4xx); it names no CLI flag.
/// </summary>
public sealed class RequestRejectedException : Exception
{
    /// <summary>A refusal with the message "the request was rejected".</summary>
    public RequestRejectedException()
        : this("the request was rejected")
    {
    }

    /// <summary>A refusal with the message front ends show.</summary>
    public RequestRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>A refusal with the message front ends show and the exception behind it.</summary>
    public RequestRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
