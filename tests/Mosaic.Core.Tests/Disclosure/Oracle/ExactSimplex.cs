namespace Mosaic.Core.Tests.Disclosure.Oracle;

/// <summary>
/// The test suite's own linear-programme solver, independent of the production audit (which uses OR-Tools' GLOP):
/// maximise c·x subject to A x = b and x ≥ 0, by the two-phase simplex method with Bland's rule on an exact
/// rational tableau. Small and slow on purpose: it only has to be right.
/// </summary>
internal static class ExactSimplex
{
    /// <summary>The maximum of the objective, or null when it is unbounded. Throws when the constraints are infeasible.</summary>
    public static Rational? Maximize(Rational[][] a, Rational[] b, Rational[] c)
    {
        var m = a.Length;
        var n = c.Length;
        // Tableau columns: n structural, m artificial, then the right-hand side.
        var t = new Rational[m][];
        var basis = new int[m];
        for (var i = 0; i < m; i++)
        {
            t[i] = new Rational[n + m + 1];
            var flip = b[i].Sign < 0;
            for (var j = 0; j < n; j++)
                t[i][j] = flip ? -a[i][j] : a[i][j];
            for (var j = 0; j < m; j++)
                t[i][n + j] = i == j ? Rational.One : Rational.Zero;
            t[i][n + m] = flip ? -b[i] : b[i];
            basis[i] = n + i;
        }
        // Phase 1: maximise -(sum of artificials).
        var phase1 = new Rational[n + m];
        for (var j = 0; j < m; j++)
            phase1[n + j] = -Rational.One;
        for (var j = 0; j < n; j++)
            phase1[j] = Rational.Zero;
        if (Run(t, basis, phase1, n + m) is not { } feasibility || feasibility.Sign != 0)
            throw new InvalidOperationException("the oracle's constraints are infeasible: the published table does not add up");
        // Drive artificials out of the basis where possible (degenerate rows at zero).
        for (var i = 0; i < m; i++)
        {
            if (basis[i] < n)
                continue;
            for (var j = 0; j < n; j++)
            {
                if (!t[i][j].IsZero)
                {
                    Pivot(t, basis, i, j);
                    break;
                }
            }
        }
        var objective = new Rational[n + m];
        for (var j = 0; j < n; j++)
            objective[j] = c[j];
        for (var j = 0; j < m; j++)
            objective[n + j] = Rational.Zero;
        // Artificial columns stay out of phase 2: only structural columns may enter.
        return Run(t, basis, objective, n);
    }

    private static Rational? Run(Rational[][] t, int[] basis, Rational[] cost, int enterable)
    {
        var m = t.Length;
        var rhs = t.Length == 0 ? 0 : t[0].Length - 1;
        while (true)
        {
            // Reduced cost of column j: c_j - c_B · column j. Bland: the lowest-index improving column enters.
            var enter = -1;
            for (var j = 0; j < enterable && enter < 0; j++)
            {
                var reduced = cost[j];
                for (var i = 0; i < m; i++)
                {
                    if (!t[i][j].IsZero)
                        reduced -= cost[basis[i]] * t[i][j];
                }
                if (reduced.Sign > 0)
                    enter = j;
            }
            if (enter < 0)
            {
                var value = Rational.Zero;
                for (var i = 0; i < m; i++)
                    value += cost[basis[i]] * t[i][rhs];
                return value;
            }
            var leave = -1;
            var best = Rational.Zero;
            for (var i = 0; i < m; i++)
            {
                if (t[i][enter].Sign <= 0)
                    continue;
                var ratio = t[i][rhs] / t[i][enter];
                if (leave < 0 || ratio < best || (ratio.CompareTo(best) == 0 && basis[i] < basis[leave]))
                {
                    leave = i;
                    best = ratio;
                }
            }
            if (leave < 0)
                return null;
            Pivot(t, basis, leave, enter);
        }
    }

    private static void Pivot(Rational[][] t, int[] basis, int row, int column)
    {
        var width = t[row].Length;
        var p = t[row][column];
        for (var j = 0; j < width; j++)
            t[row][j] /= p;
        for (var i = 0; i < t.Length; i++)
        {
            if (i == row || t[i][column].IsZero)
                continue;
            var f = t[i][column];
            for (var j = 0; j < width; j++)
            {
                if (!t[row][j].IsZero)
                    t[i][j] -= f * t[row][j];
            }
        }
        basis[row] = column;
    }
}
