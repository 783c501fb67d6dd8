namespace Mosaic.Core.Storage;

/// <summary>
/// A store failure, as every provider reports it: providers translate their driver's exceptions into this type at
/// their boundary, so no caller ever needs to name a driver type. The message is for the user; it never contains a
/// password.
/// </summary>
public sealed class StoreException : Exception
{
    /// <summary>A general store failure (<see cref="StoreFailure.Failed"/>) with a generic message.</summary>
    public StoreException()
        : this(StoreFailure.Failed, "store failure")
    {
    }

    /// <summary>A general store failure (<see cref="StoreFailure.Failed"/>) with a message for the user.</summary>
    public StoreException(string message)
        : this(StoreFailure.Failed, message)
    {
    }

    /// <summary>A general store failure (<see cref="StoreFailure.Failed"/>) caused by <paramref name="innerException"/>.</summary>
    public StoreException(string message, Exception innerException)
        : this(StoreFailure.Failed, message, innerException)
    {
    }

    /// <summary>Creates a store failure of a kind.</summary>
    public StoreException(StoreFailure failure, string message, Exception? innerException = null)
        : base(message, innerException) => Failure = failure;

    /// <summary>What kind of failure this is.</summary>
    public StoreFailure Failure { get; }
}
