namespace Mosaic.Core.Disclosure;

/// <summary>How the optimal method's search ended (<see cref="OptimalSuppression"/>).</summary>
/// <param name="Proven">Whether the pattern is proven to suppress the fewest cells (false: the stages' work budgets or the time limit ended the search first).</param>
/// <param name="Cells">Cells suppressed by the pattern returned.</param>
/// <param name="LowerBound">No safe pattern suppresses fewer cells than this (equal to <paramref name="Cells"/> when proven).</param>
/// <param name="Rounds">Times the mixed-integer programme was solved.</param>
/// <param name="Cuts">Protection constraints added from the attacker programmes.</param>
/// <param name="Elapsed">Wall-clock time of the search.</param>
internal sealed record OptimalSearch(bool Proven, int Cells, int LowerBound, int Rounds, int Cuts, TimeSpan Elapsed)
{
    /// <summary>Cells of the joint choice of valid boxes after its cleanup (<see cref="JointBoxes"/>; −1: none within its time).</summary>
    public int JointBoxCells { get; init; } = -1;

    /// <summary>Secondary cells published again by the re-publish pass.</summary>
    public int Republished { get; init; }

    /// <summary>Moves of the box-swap search (<see cref="BoxSwapSearch"/>).</summary>
    public int BoxSwaps { get; init; }

    /// <summary>Parts of the table solved by the neighbourhood search (<see cref="NeighbourhoodSearch"/>).</summary>
    public int Neighbourhoods { get; init; }

    /// <summary>Whether the time limit, not the stages' work budgets, ended the search for a pattern (which then depends on the machine's speed).</summary>
    public bool TimeLimitReached { get; init; }
}
