namespace Mosaic.Core.Disclosure;

/// <summary>The result of disclosure control on one table (inside Mosaic: the split into primary and secondary cells is never published).</summary>
/// <param name="Status">Per cell of the <see cref="LinkedTable"/>.</param>
/// <param name="PrimaryCells">Cells suppressed because they are sensitive themselves.</param>
/// <param name="SecondaryCells">Cells suppressed to protect the primary ones.</param>
/// <param name="SuppressedContributors">Contributors in suppressed inner cells (the population whose detail is hidden).</param>
/// <param name="TotalContributors">Contributors in the whole table (the grand total).</param>
internal sealed record DisclosureOutcome(
    CellStatus[] Status, int PrimaryCells, int SecondaryCells, long SuppressedContributors, long TotalContributors)
{
    public int SuppressedCells => PrimaryCells + SecondaryCells;

    /// <summary>Per cell, the primary rule that fired (None for published and secondary cells).</summary>
    public SuppressionReason[] Reasons { get; init; } = [];

    /// <summary>The LP audit of the final pattern (null when disclosure control is off).</summary>
    public AuditReport? Audit { get; init; }

    /// <summary>Rounds of "audit, then suppress more" before every cell passed (0 = the first audit passed).</summary>
    public int AuditRounds { get; init; }
}
