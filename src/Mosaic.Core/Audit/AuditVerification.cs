namespace Mosaic.Core.Audit;

/// <summary>The result of <c>mosaic audit verify</c>.</summary>
/// <param name="Entries">Entries checked.</param>
/// <param name="Problems">What was found; empty when the log is intact.</param>
/// <param name="HeadHash">The last entry's stored hash (hex), to note down and compare later; null for an empty log.</param>
public sealed record AuditVerification(int Entries, IReadOnlyList<AuditProblem> Problems, string? HeadHash)
{
    /// <summary>Whether the log is intact.</summary>
    public bool Intact => Problems.Count == 0;
}
