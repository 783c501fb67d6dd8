namespace Mosaic.Core.Disclosure;

/// <summary>
/// The maximum-entropy distribution on a small set of integer deviations with mean 0 and, optionally, a given second
/// moment: p(v) ∝ exp(a·v + b·v²), the form the <c>ptable</c> method derives from Lagrange multipliers. The
/// multipliers are found by Newton's method on the convex dual log Z(a, b) − b·m₂, whose gradient is
/// (E[v], E[v²] − m₂) and whose Hessian is the covariance of (v, v²).
/// </summary>
internal static class MaximumEntropy
{
    private const double Tolerance = 1e-12;
    private const int MaximumIterations = 500;

    /// <summary>
    /// The second moments that mean 0 allows on <paramref name="support"/>: from the two-point law on the innermost
    /// deviations (−n·p) to the one on the outermost. Inside, the exponential family reaches every value; the end
    /// points only degenerate laws.
    /// </summary>
    public static (double Lowest, double Highest) SecondMomentRange(IReadOnlyList<int> support)
    {
        int closestBelow = int.MinValue, lowest = 0, closestAbove = int.MaxValue, highest = 0;
        foreach (var v in support)
        {
            if (v < 0)
            {
                closestBelow = Math.Max(closestBelow, v);
                lowest = Math.Min(lowest, v);
            }
            else if (v > 0)
            {
                closestAbove = Math.Min(closestAbove, v);
                highest = Math.Max(highest, v);
            }
        }
        if (lowest == 0 || highest == 0)
            throw new ArgumentException("mean 0 needs deviations on both sides", nameof(support));
        return (-(double)closestBelow * closestAbove, -(double)lowest * highest);
    }

    /// <summary>Probabilities on <paramref name="support"/> with mean 0 and the given second moment (or, when null, mean 0 only).</summary>
    public static double[] Solve(IReadOnlyList<int> support, double? secondMoment)
    {
        double a = 0, b = 0;
        var target = secondMoment ?? 0;
        var useB = secondMoment is not null;
        for (var iteration = 0; iteration < MaximumIterations; iteration++)
        {
            var m = Moments(support, a, b);
            var g1 = m.Mean;
            var g2 = useB ? m.Second - target : 0;
            if (Math.Abs(g1) < Tolerance && Math.Abs(g2) < Tolerance)
                return Probabilities(support, a, b);
            double da, db;
            var h11 = m.Second - m.Mean * m.Mean;
            if (useB)
            {
                var h12 = m.Third - m.Mean * m.Second;
                var h22 = m.Fourth - m.Second * m.Second;
                var det = h11 * h22 - h12 * h12;
                da = -(h22 * g1 - h12 * g2) / det;
                db = -(-h12 * g1 + h11 * g2) / det;
            }
            else
            {
                da = -g1 / h11;
                db = 0;
            }
            // Backtracking on the dual objective keeps Newton's method from overshooting far from the solution; close
            // to it the objective's changes drown in rounding, and full steps converge quadratically.
            var step = 1.0;
            if (Math.Abs(g1) + Math.Abs(g2) > 1e-6)
            {
                var objective = Dual(support, a, b, target);
                while (step > 1e-12 && Dual(support, a + step * da, b + step * db, target) > objective + 1e-4 * step * (g1 * da + g2 * db))
                    step /= 2;
            }
            a += step * da;
            b += step * db;
        }
        throw new InvalidOperationException("the maximum-entropy perturbation row did not converge");
    }

    private static double Dual(IReadOnlyList<int> support, double a, double b, double target) =>
        LogPartition(support, a, b) - b * target;

    private static double LogPartition(IReadOnlyList<int> support, double a, double b)
    {
        var shift = Shift(support, a, b);
        double z = 0;
        foreach (var v in support)
            z += Math.Exp(a * v + b * v * v - shift);
        return Math.Log(z) + shift;
    }

    private static double Shift(IReadOnlyList<int> support, double a, double b)
    {
        var shift = double.MinValue;
        foreach (var v in support)
            shift = Math.Max(shift, a * v + b * v * v);
        return shift;
    }

    private static double[] Probabilities(IReadOnlyList<int> support, double a, double b)
    {
        var shift = Shift(support, a, b);
        var p = new double[support.Count];
        double z = 0;
        for (var i = 0; i < p.Length; i++)
            z += p[i] = Math.Exp(a * support[i] + b * support[i] * support[i] - shift);
        for (var i = 0; i < p.Length; i++)
            p[i] /= z;
        return p;
    }

    private static (double Mean, double Second, double Third, double Fourth) Moments(IReadOnlyList<int> support, double a, double b)
    {
        var p = Probabilities(support, a, b);
        double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
        for (var i = 0; i < p.Length; i++)
        {
            double v = support[i];
            m1 += p[i] * v;
            m2 += p[i] * v * v;
            m3 += p[i] * v * v * v;
            m4 += p[i] * v * v * v * v;
        }
        return (m1, m2, m3, m4);
    }
}
