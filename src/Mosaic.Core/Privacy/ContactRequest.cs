namespace Mosaic.Core.Privacy;

/// <summary>A request to read households' contacts (names and phones): the only way they leave a store.</summary>
/// <param name="Actor">Who reads; the role must read personal data, and only households in the actor's scope are returned.</param>
/// <param name="Purpose">Why, as an audit action code (e.g. <see cref="Audit.AuditActions.TargetExportContacts"/>).</param>
/// <param name="Subject">Where the data goes, e.g. the output file's full path.</param>
/// <param name="HouseholdIds">Store ids of the households whose contacts are wanted.</param>
/// <param name="CommandLine">The command or request as given, with secrets masked.</param>
public sealed record ContactRequest(Actor Actor, string Purpose, string Subject, IReadOnlyCollection<long> HouseholdIds, string CommandLine);
