namespace Mosaic.Core.Storage;

/// <summary>
/// A store failure, as every provider reports it: providers translate their driver's exceptions into this type at
/// their boundary, so no caller ever needs to name a driver type. The message is for the user; it never contains a
/// password.
/// </summary>
public sealed class StoreException : Exception
{
    public StoreException()
        : this(StoreFailure.Failed, "store failure")
    {
    }

    public StoreException(string message)
        : this(StoreFailure.Failed, message)
    {
    }

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
