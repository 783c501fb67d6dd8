namespace Mosaic.Core.Disclosure;

/// <summary>
/// The parameters of a cell-key perturbation table, named as in the <c>ptable</c> package of the SDC tools
/// (Destatis/Eurostat) that national statistics offices use with the cell-key method.
/// </summary>
/// <param name="MaximumNoise">D: no published count differs from the true one by more than D.</param>
/// <param name="Variance">V: the variance of the noise added to a count large enough for no other constraint to bind.</param>
/// <param name="BlockedUpTo">js: no count 1..js is ever published (a true count 1..js becomes 0 or more than js).</param>
/// <param name="StayProbability">pstay: the probability that a count above js is published unchanged.</param>
public sealed record PerturbationParameters(int MaximumNoise, double Variance, int BlockedUpTo, double StayProbability)
{
    /// <summary>
    /// Mosaic's default: D = 3, V = 0.25, js = 2, pstay = 0.96. A count above 2 changes with probability 0.04 (by 1 to 3);
    /// no count of 1 or 2 is ever shown. The high pstay keeps the share of changed cells within 15% on tables with many
    /// small cells (every cell of 1–2 must change); see docs/user-guide/disclosure.md for the table and its effect.
    /// </summary>
    public static PerturbationParameters Default { get; } = new(3, 0.25, 2, 0.96);

    /// <summary>The reason these parameters cannot make a table, or null when they can.</summary>
    public string? Problem()
    {
        if (BlockedUpTo < 0)
            return "js (the largest blocked count) must be 0 or more";
        if (MaximumNoise <= BlockedUpTo)
            return $"D (maximum noise, {MaximumNoise}) must be larger than js ({BlockedUpTo}), or a count of 1 could not move above js";
        if (StayProbability is < 0 or >= 1 || double.IsNaN(StayProbability))
            return "pstay must be at least 0 and below 1";
        if (!(Variance > 0))
            return "V (the noise variance) must be above 0";
        // A changed count moves by 1..D, so the variance lies strictly between (1 - pstay)·1 and (1 - pstay)·D².
        var moved = 1 - StayProbability;
        if (Variance <= moved || Variance >= moved * MaximumNoise * MaximumNoise)
            return $"V must lie strictly between (1 - pstay) = {moved:0.###} and (1 - pstay)·D² = {moved * MaximumNoise * MaximumNoise:0.###}";
        return null;
    }
}
