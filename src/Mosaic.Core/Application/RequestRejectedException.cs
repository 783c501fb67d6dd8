namespace Mosaic.Core.Application;

/// <summary>
/// A use case refused its request because of what is (or is not) in the database or the input — "no scores yet",
/// "unknown area P-code". Front ends show the message (the CLI exits 3, the server answers 4xx); it names no CLI flag.
/// </summary>
public sealed class RequestRejectedException : Exception
{
    public RequestRejectedException()
        : this("the request was rejected")
    {
    }

    public RequestRejectedException(string message)
        : base(message)
    {
    }

    public RequestRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
