namespace Mosaic.Core.Disclosure;

/// <summary>The audit of one suppressed table: every suppressed cell's interval against its protection level.</summary>
/// <param name="CheckedCells">Suppressed cells audited (per layer).</param>
/// <param name="LinearProgrammes">Linear programmes solved.</param>
/// <param name="Narrow">Cells whose interval is narrower than required (empty = the table passes).</param>
/// <param name="NarrowestRatio">
/// Smallest width / required seen over the cells not proven by a box (an upper bound of the true smallest ratio for the
/// cells passed by feasible points, exact for the cells that fail; positive infinity when none is bounded).
/// </param>
public sealed record AuditReport(int CheckedCells, int LinearProgrammes, IReadOnlyList<AuditFinding> Narrow, double NarrowestRatio)
{
    /// <summary>Whether no suppressed cell can be narrowed below the required width.</summary>
    public bool Passed => Narrow.Count == 0;

    /// <summary>Suppressed cells proven wide enough by a box of suppressed cells that can shift by their level (no LP needed).</summary>
    public int ProvenByBox { get; init; }
}
