using Mosaic.Core.Access;
using Mosaic.Core.Application;
using Mosaic.Core.Audit;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;

namespace Mosaic.Core.Privacy;

/// <summary>
/// Reading registrations with their contacts (the server's registrations endpoint): households of the actor's scope,
/// a page at a time or one by submission id, each read through <see cref="IRegistryStore.ReadContactsAsync"/>, so every
/// read writes its audit entry before anything is returned. A role that may not read personal data is refused
/// before anything is read; a household outside the actor's scope is answered as not found.
/// </summary>
public static class RegistrationRead
{
    /// <summary>The largest page a request may ask for.</summary>
    public const int MaximumPage = 500;

    /// <summary>A page of the households in <see cref="RegistrationPageRequest.AreaPcode"/> (within the actor's scope), by id.</summary>
    /// <param name="store">The unit of work.</param>
    /// <param name="request">The page asked for.</param>
    /// <param name="cancellationToken">Passed to every read; cancelled before the contacts are read, no entry is written.</param>
    public static async Task<RegistrationPage> PageAsync(IMosaicStore store, RegistrationPageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        Refuse(request.Actor);
        if (request.Offset < 0 || request.Limit is < 1 or > MaximumPage)
            throw new RequestRejectedException($"offset must be 0 or more and limit between 1 and {MaximumPage}");
        var area = request.AreaPcode ?? request.Actor.AreaScope;
        if (area is not null && (await store.Areas.GetAsync(area, cancellationToken) is null ||
                                 !await AccessScope.ContainsAsync(store.Areas, request.Actor.AreaScope, area, cancellationToken)))
            throw new RequestRejectedException($"no area '{area}' in your scope");
        var total = await store.Registry.CountHouseholdsAsync(area, cancellationToken);
        // Take ends (and disposes) the stream before the contact read: no two open readers on the unit of work.
        var households = await store.Registry.ReadHouseholdsAsync(area, cancellationToken: cancellationToken)
            .Skip(request.Offset).Take(request.Limit).ToListAsync(cancellationToken);
        var read = await ContactsAsync(store, request.Actor, households, request.Subject, request.CommandLine, cancellationToken);
        return new RegistrationPage(total, request.Offset, With(households, read), read.AuditEntryId);
    }

    /// <summary>One household by submission id with its contacts, or null when there is none in the actor's scope.</summary>
    /// <param name="store">The unit of work.</param>
    /// <param name="actor">Who reads.</param>
    /// <param name="submissionId">The household's submission id.</param>
    /// <param name="subject">Where the data goes (recorded in the audit entry).</param>
    /// <param name="commandLine">The request as given (recorded in the audit entry).</param>
    /// <param name="cancellationToken">Passed to every read; cancelled before the contacts are read, no entry is written.</param>
    public static async Task<RegistrationPage?> OneAsync(IMosaicStore store, Actor actor, string submissionId, string subject, string commandLine,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(actor);
        Refuse(actor);
        var household = await store.Registry.GetHouseholdAsync(submissionId, cancellationToken);
        if (household is null || !await AccessScope.ContainsAsync(store.Areas, actor.AreaScope, household.AreaPcode, cancellationToken))
            return null;
        var read = await ContactsAsync(store, actor, [household], subject, commandLine, cancellationToken);
        return new RegistrationPage(1, 0, With([household], read), read.AuditEntryId);
    }

    private static void Refuse(Actor actor)
    {
        if (!Roles.Allows(actor.Role, Capability.ReadPersonalData))
            throw new AccessDeniedException($"the role '{Roles.Code(actor.Role)}' may not read registrations (personal data)");
    }

    private static Task<ContactRead> ContactsAsync(IMosaicStore store, Actor actor, List<Household> households, string subject, string commandLine,
        CancellationToken cancellationToken) =>
        store.Registry.ReadContactsAsync(new ContactRequest(actor, AuditActions.RegistrationsRead, subject, [.. households.Select(h => h.Id)], commandLine),
            cancellationToken);

    private static List<RegisteredHousehold> With(List<Household> households, ContactRead read) =>
        [.. households.Select(h => new RegisteredHousehold(h, read.Contacts.GetValueOrDefault(h.Id)))];
}

/// <summary>A page of registrations asked for.</summary>
/// <param name="Actor">Who reads (role and scope are checked; the audit entry names them).</param>
/// <param name="AreaPcode">The area to list (within the actor's scope), or null for the whole scope.</param>
/// <param name="Offset">Households to skip, in id order.</param>
/// <param name="Limit">Households to return, 1 to <see cref="RegistrationRead.MaximumPage"/>.</param>
/// <param name="Subject">Where the data goes (recorded in the audit entry), e.g. the request path.</param>
/// <param name="CommandLine">The request as given (recorded in the audit entry).</param>
public sealed record RegistrationPageRequest(Actor Actor, string? AreaPcode, int Offset, int Limit, string Subject, string CommandLine);

/// <summary>Registrations read, with the audit entry that records the read.</summary>
/// <param name="Total">Households in the area (all pages).</param>
/// <param name="Offset">Where this page starts.</param>
/// <param name="Households">This page's households with their contacts.</param>
/// <param name="AuditEntryId">The audit entry of this read.</param>
public sealed record RegistrationPage(long Total, int Offset, IReadOnlyList<RegisteredHousehold> Households, long AuditEntryId);

/// <summary>A household and its contact (the head's name and a phone; null when the household has no members).</summary>
public sealed record RegisteredHousehold(Household Household, HouseholdContact? Contact);
