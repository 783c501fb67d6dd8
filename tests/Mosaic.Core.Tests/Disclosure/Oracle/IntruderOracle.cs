using Mosaic.Core.Disclosure;

namespace Mosaic.Core.Tests.Disclosure.Oracle;

/// <summary>
/// The intruder of issue 15, written independently of Mosaic's audit: sees every published cell, knows that every
/// total is the sum of its inner cells and that inner cells are never negative, and solves a linear programme for
/// the smallest and largest value of each suppressed cell (exactly, with <see cref="ExactSimplex"/>).
/// Unknowns are the suppressed inner cells; each published total gives one equation.
/// </summary>
internal static class IntruderOracle
{
    /// <summary>Per suppressed cell (or per one of <paramref name="only"/>), the interval the published cells allow (<c>Max</c> null = unbounded).</summary>
    public static Dictionary<int, (Rational Min, Rational? Max)> Intervals(LinkedTable table, IReadOnlyList<bool> suppressed, IReadOnlyList<long> values,
        IReadOnlySet<int>? only = null)
    {
        var unknown = new Dictionary<int, int>();
        for (var i = 0; i < table.Size; i++)
        {
            if (suppressed[i] && table.TotalCount(i) == 0)
                unknown[i] = unknown.Count;
        }
        var rows = new List<Rational[]>();
        var rhs = new List<Rational>();
        for (var i = 0; i < table.Size; i++)
        {
            if (suppressed[i] || table.TotalCount(i) == 0)
                continue;
            var row = Row(table, i, unknown, values, out var known);
            if (row.Any(r => !r.IsZero))
            {
                rows.Add(row);
                rhs.Add(Rational.Of(values[i] - known));
            }
        }
        var result = new Dictionary<int, (Rational, Rational?)>();
        for (var i = 0; i < table.Size; i++)
        {
            if (!suppressed[i] || (only is not null && !only.Contains(i)))
                continue;
            var objective = Row(table, i, unknown, values, out var constant);
            var max = ExactSimplex.Maximize(Copy(rows), [.. rhs], objective);
            var negated = objective.Select(o => -o).ToArray();
            var min = -ExactSimplex.Maximize(Copy(rows), [.. rhs], negated)!.Value;
            result[i] = (min + Rational.Of(constant), max is { } m ? m + Rational.Of(constant) : null);
        }
        return result;
    }

    /// <summary>The inner cells below cell <paramref name="cell"/>: unknowns as coefficients, published ones summed into <paramref name="known"/>.</summary>
    private static Rational[] Row(LinkedTable table, int cell, Dictionary<int, int> unknown, IReadOnlyList<long> values, out long known)
    {
        var row = Enumerable.Repeat(Rational.Zero, unknown.Count).ToArray();
        known = 0;
        foreach (var inner in InnerCells(table, cell))
        {
            if (unknown.TryGetValue(inner, out var u))
                row[u] = Rational.One;
            else
                known += values[inner];
        }
        return row;
    }

    /// <summary>Every inner cell whose coordinates agree with <paramref name="cell"/> where it is not a total.</summary>
    public static IEnumerable<int> InnerCells(LinkedTable table, int cell)
    {
        var n = table.Dimensions;
        var coords = new int[n];
        table.Coords(cell, coords);
        var current = new int[n];
        return Walk(0);

        IEnumerable<int> Walk(int d)
        {
            if (d == n)
            {
                yield return table.Index(current);
                yield break;
            }
            if (table.IsTotal(d, coords[d]))
            {
                for (var k = 0; k < table.Categories[d]; k++)
                {
                    current[d] = k;
                    foreach (var x in Walk(d + 1))
                        yield return x;
                }
            }
            else
            {
                current[d] = coords[d];
                foreach (var x in Walk(d + 1))
                    yield return x;
            }
        }
    }

    private static Rational[][] Copy(List<Rational[]> rows) => [.. rows.Select(r => (Rational[])r.Clone())];
}
