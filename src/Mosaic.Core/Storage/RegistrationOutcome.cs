namespace Mosaic.Core.Storage;

/// <summary>What adding one household to a <see cref="IRegistrationBatch"/> did.</summary>
public enum RegistrationOutcome
{
    /// <summary>Its submission id was new: the household is written (stored at commit).</summary>
    Added,

    /// <summary>Its submission id is stored already with the same content: nothing written.</summary>
    Duplicate,

    /// <summary>Its submission id is stored already with different content: nothing written, never overwritten.</summary>
    Conflict,
}
