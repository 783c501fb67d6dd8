namespace Mosaic.Core.Audit;

/// <summary>One finding of <see cref="AuditVerifier"/>.</summary>
/// <param name="EntryId">The entry where the chain breaks (0 for a finding about the log as a whole).</param>
/// <param name="Reason">What is wrong, in words.</param>
public sealed record AuditProblem(long EntryId, string Reason);
