using Mosaic.Core.Access;
namespace Mosaic.Core.Privacy;

/// <summary>The actor may not read what was asked (their role never reads personal data). Nothing was read or logged.</summary>
public sealed class AccessDeniedException : Exception
{
    /// <summary>A refusal with the message "access denied".</summary>
    public AccessDeniedException()
        : this("access denied")
    {
    }

    /// <summary>A refusal whose message says which role may not read what.</summary>
    public AccessDeniedException(string message)
        : base(message)
    {
    }

    /// <summary>A refusal with its message and the exception behind it.</summary>
    public AccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Refuses a contact request unless the actor's role reads personal data. Stores call it before reading.</summary>
    public static void ThrowUnlessAllowed(ContactRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Roles.Allows(request.Actor.Role, Capability.ReadPersonalData))
        {
            throw new AccessDeniedException(
                $"the role '{Roles.Code(request.Actor.Role)}' may not read personal data (names, phones, exact locations)");
        }
    }
}
