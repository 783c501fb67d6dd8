namespace Mosaic.Core.Privacy;

/// <summary>What a contact read returned, with the audit entry committed in the same transaction.</summary>
/// <param name="AuditEntryId">Id of the audit entry recording the read.</param>
/// <param name="Contacts">One contact per requested household in the actor's scope, by household id.</param>
/// <param name="Households">Households with at least one contact field returned (as recorded in the audit entry).</param>
/// <param name="Persons">Persons whose personal data was returned (as recorded in the audit entry).</param>
public sealed record ContactRead(long AuditEntryId, IReadOnlyDictionary<long, HouseholdContact> Contacts, int Households, int Persons);
