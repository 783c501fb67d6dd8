namespace Mosaic.Core.Audit;

/// <summary>What a store reports about the protections around its audit log, for <see cref="AuditVerifier"/>.</summary>
/// <param name="MissingGuards">Database-level guards (e.g. the triggers refusing UPDATE and DELETE) that are gone.</param>
/// <param name="HighestIssuedId">The highest entry id the store ever issued (0 when none), so a removed last entry shows.</param>
public sealed record AuditLogGuards(IReadOnlyList<string> MissingGuards, long HighestIssuedId);
