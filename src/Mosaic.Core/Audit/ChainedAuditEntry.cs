namespace Mosaic.Core.Audit;

/// <summary>An audit entry with the chain hash stored beside it (null when the row has none, e.g. forged by hand).</summary>
/// <param name="Entry">The entry as stored.</param>
/// <param name="Hash">The stored hash.</param>
public sealed record ChainedAuditEntry(AuditEntry Entry, byte[]? Hash);
