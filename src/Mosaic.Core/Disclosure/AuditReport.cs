namespace Mosaic.Core.Disclosure;

/// <summary>The LP audit of one suppressed table: every suppressed cell's interval against its protection level.</summary>
/// <param name="CheckedCells">Suppressed cells audited (per layer).</param>
/// <param name="LinearProgrammes">Linear programmes solved.</param>
/// <param name="Narrow">Cells whose interval is narrower than required (empty = the table passes).</param>
/// <param name="NarrowestRatio">Smallest width / required over all checked cells (positive infinity when none is bounded).</param>
public sealed record AuditReport(int CheckedCells, int LinearProgrammes, IReadOnlyList<AuditFinding> Narrow, double NarrowestRatio)
{
    public bool Passed => Narrow.Count == 0;
}
