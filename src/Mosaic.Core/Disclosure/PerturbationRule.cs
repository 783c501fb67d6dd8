using System.Globalization;

namespace Mosaic.Core.Disclosure;

/// <summary>The words a perturbed table's metadata uses to state its protection.</summary>
internal static class PerturbationRule
{
    public static string Describe(PerturbationParameters p, string unit, bool isShare)
    {
        ArgumentNullException.ThrowIfNull(p);
        var c = CultureInfo.InvariantCulture;
        return string.Format(c,
            "cell-key perturbation: every {0} count{1} is published with a small noise read from a fixed perturbation table by the cell's key " +
            "(the sum, modulo 1, of the random keys of the {0}s in the cell), so the same cell has the same value in every table and request; " +
            "the noise is at most ±{2}, has mean 0 and variance {3} for counts of {4} or more, and leaves a count above {5} unchanged with probability {6}; " +
            "no count from 1 to {5} is published (such cells show 0 or at least {7}). Totals are perturbed on their own, so they need not equal the sum of their cells.",
            unit, isShare ? " (numerator and denominator of each share)" : "", p.MaximumNoise, p.Variance.ToString("0.###", c),
            p.MaximumNoise + p.BlockedUpTo + 1, p.BlockedUpTo, p.StayProbability.ToString("0.###", c), p.BlockedUpTo + 1);
    }
}
