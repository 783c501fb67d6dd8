using Mosaic.Core.Disclosure;

namespace Mosaic.Core.Tests.Disclosure;

/// <summary>
/// An intruder's view of a suppressed table, independent of the suppression algorithm. Every additivity line
/// (total = sum of categories) is a linear equation; substituting the published cells leaves a system over the
/// suppressed cells. A suppressed cell can be recomputed exactly iff its unit vector lies in the row space of
/// that system; in reduced row echelon form this means its column is a pivot and the pivot row has no entry in
/// any free column. Elimination is done in exact rational arithmetic (entries start as 0/±1 and tables are small,
/// so numerators and denominators stay tiny in long).
/// </summary>
internal static class SuppressionAudit
{
    /// <summary>Suppressed cells whose value follows exactly from the published cells and totals.</summary>
    public static List<int> RecoverableCells(LinkedTable table, CellStatus[] status)
    {
        var unknowns = new List<int>();
        var column = new Dictionary<int, int>();
        for (var i = 0; i < status.Length; i++)
        {
            if (status[i] != CellStatus.Published)
            {
                column[i] = unknowns.Count;
                unknowns.Add(i);
            }
        }
        if (unknowns.Count == 0)
            return [];
        var rows = new List<Fraction[]>();
        var coords = new int[table.Dimensions];
        for (var d = 0; d < table.Dimensions; d++)
        {
            var stride = table.Strides[d];
            for (var i = 0; i < table.Size; i++)
            {
                table.Coords(i, coords);
                if (!table.IsTotal(d, coords[d]))
                    continue;
                var row = new Fraction[unknowns.Count];
                Array.Fill(row, Fraction.Zero);
                var any = false;
                for (var k = 0; k <= table.Categories[d]; k++)
                {
                    var cell = i - coords[d] * stride + k * stride;
                    if (column.TryGetValue(cell, out var c))
                    {
                        row[c] = new Fraction(k == table.Categories[d] ? -1 : 1, 1);
                        any = true;
                    }
                }
                if (any)
                    rows.Add(row);
            }
        }
        var pivots = Reduce(rows, unknowns.Count);
        var isPivot = new bool[unknowns.Count];
        foreach (var (_, c) in pivots)
            isPivot[c] = true;
        var recoverable = new List<int>();
        foreach (var (r, c) in pivots)
        {
            var free = false;
            for (var j = 0; j < unknowns.Count && !free; j++)
                free = !isPivot[j] && !rows[r][j].IsZero;
            if (!free)
                recoverable.Add(unknowns[c]);
        }
        return recoverable;
    }

    private static List<(int Row, int Column)> Reduce(List<Fraction[]> m, int columns)
    {
        var pivots = new List<(int, int)>();
        var r = 0;
        for (var c = 0; c < columns && r < m.Count; c++)
        {
            var p = -1;
            for (var i = r; i < m.Count; i++)
            {
                if (!m[i][c].IsZero)
                {
                    p = i;
                    break;
                }
            }
            if (p < 0)
                continue;
            (m[r], m[p]) = (m[p], m[r]);
            var inv = m[r][c].Inverse();
            for (var j = 0; j < columns; j++)
                m[r][j] = m[r][j] * inv;
            for (var i = 0; i < m.Count; i++)
            {
                if (i == r || m[i][c].IsZero)
                    continue;
                var f = m[i][c];
                for (var j = 0; j < columns; j++)
                    m[i][j] = m[i][j] - f * m[r][j];
            }
            pivots.Add((r, c));
            r++;
        }
        return pivots;
    }

    internal readonly record struct Fraction(long Num, long Den)
    {
        public static Fraction Zero => new(0, 1);

        public bool IsZero => Num == 0;

        public Fraction Inverse() => Den < 0 || Num < 0 ? Make(-Den, -Num) : Make(Den, Num);

        public static Fraction operator *(Fraction a, Fraction b) => Make(a.Num * b.Num, a.Den * b.Den);

        public static Fraction operator -(Fraction a, Fraction b) => Make(a.Num * b.Den - b.Num * a.Den, a.Den * b.Den);

        private static Fraction Make(long num, long den)
        {
            if (num == 0)
                return Zero;
            if (den < 0)
                (num, den) = (-num, -den);
            var g = Gcd(Math.Abs(num), den);
            return new Fraction(num / g, den / g);
        }

        private static long Gcd(long a, long b)
        {
            while (b != 0)
                (a, b) = (b, a % b);
            return a;
        }
    }
}
