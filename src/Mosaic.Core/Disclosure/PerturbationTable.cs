namespace Mosaic.Core.Disclosure;

/// <summary>
/// A cell-key perturbation table (the method of ABS TableBuilder and of the 2021 census outputs of several
/// statistics offices, with the table built as the <c>ptable</c> package builds it): for a true count i and a
/// deviation v in −D..D, the probability p(i, v) that i is published as i + v. Every row has mean 0 (unbiased
/// noise), never publishes a negative count or one of 1..js, and publishes a count above js unchanged with
/// probability pstay; subject to that, it is the maximum-entropy distribution with variance V (rows too close to
/// 0 for variance V take the nearest variance they allow). Counts of D + js + 1 or more share the last row, and 0 stays 0.
/// <para>
/// A cell's noise is read off its row by its <em>cell key</em> (<see cref="CellKey"/>), a number in [0, 1) that
/// depends only on the records counted in the cell: the deviations of a row split [0, 1) into intervals of their
/// probabilities, in order, and the key falls in one. Keys are 32-bit fractions (key / 2³²).
/// </para>
/// </summary>
public sealed class PerturbationTable
{
    private const double KeySpace = 4294967296.0;

    /// <summary>How far inside the reachable variances a row near 0 stays (a share of their range).</summary>
    private const double InteriorMargin = 0.05;

    private readonly double[][] _probabilities;
    private readonly ulong[][] _thresholds;

    private PerturbationTable(PerturbationParameters parameters, double[][] probabilities)
    {
        Parameters = parameters;
        _probabilities = probabilities;
        _thresholds = new ulong[probabilities.Length][];
        for (var row = 0; row < probabilities.Length; row++)
        {
            var p = probabilities[row];
            var t = new ulong[p.Length];
            double cumulative = 0;
            for (var k = 0; k < p.Length; k++)
            {
                cumulative += p[k];
                t[k] = (ulong)Math.Round(Math.Min(cumulative, 1) * KeySpace);
            }
            t[^1] = (ulong)KeySpace;
            _thresholds[row] = t;
        }
    }

    /// <summary>Mosaic's default table (<see cref="PerturbationParameters.Default"/>).</summary>
    public static PerturbationTable Default { get; } = Create(PerturbationParameters.Default);

    /// <summary>The parameters the table was built from (noise bound, counts blocked, variance).</summary>
    public PerturbationParameters Parameters { get; }

    /// <summary>D.</summary>
    public int MaximumNoise => Parameters.MaximumNoise;

    /// <summary>The last row: counts from here on all use it (D + js + 1).</summary>
    public int LastRow => _probabilities.Length - 1;

    /// <summary>Builds the table; fails with the reason when the parameters cannot make one.</summary>
    public static PerturbationTable Create(PerturbationParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Problem() is { } problem)
            throw new ArgumentException("perturbation parameters: " + problem, nameof(parameters));
        var d = parameters.MaximumNoise;
        var js = parameters.BlockedUpTo;
        var rows = new double[d + js + 2][];
        rows[0] = new double[2 * d + 1];
        rows[0][d] = 1;
        for (var i = 1; i < rows.Length; i++)
            rows[i] = Row(i, parameters);
        return new PerturbationTable(parameters, rows);
    }

    private static double[] Row(int count, PerturbationParameters parameters)
    {
        var d = parameters.MaximumNoise;
        var js = parameters.BlockedUpTo;
        var row = new double[2 * d + 1];
        var stays = count > js;
        var moves = new List<int>();
        for (var v = -d; v <= d; v++)
        {
            var published = count + v;
            if (v != 0 && published >= 0 && (published == 0 || published > js))
                moves.Add(v);
        }
        // The moved part carries 1 − pstay (all of it when the count itself may not be shown) with the variance
        // scaled to match, so that the whole row has variance V when that is possible.
        var movedMass = stays ? 1 - parameters.StayProbability : 1;
        // Near 0 the allowed deviations may not reach variance V with mean 0: such a row takes the nearest variance
        // they allow, kept a little inside the range (at its ends only a two-point law remains).
        var (lowest, highest) = MaximumEntropy.SecondMomentRange(moves);
        var wanted = parameters.Variance / movedMass;
        var margin = (highest - lowest) * InteriorMargin;
        double? target = highest - lowest < 1e-9 ? null
            : wanted > lowest * (1 + 1e-6) && wanted < highest * (1 - 1e-6) ? wanted
            : Math.Clamp(wanted, lowest + margin, highest - margin);
        var p = MaximumEntropy.Solve(moves, target);
        for (var k = 0; k < moves.Count; k++)
            row[moves[k] + d] = movedMass * p[k];
        if (stays)
            row[d] = parameters.StayProbability;
        return row;
    }

    /// <summary>p(count, noise): the probability that <paramref name="count"/> is published as count + noise.</summary>
    public double Probability(long count, int noise)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return noise < -MaximumNoise || noise > MaximumNoise ? 0 : _probabilities[RowOf(count)][noise + MaximumNoise];
    }

    /// <summary>The noise a count with this cell key gets.</summary>
    public int Noise(long count, uint cellKey)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var thresholds = _thresholds[RowOf(count)];
        var k = 0;
        while (cellKey >= thresholds[k])
            k++;
        return k - MaximumNoise;
    }

    /// <summary>The published value of a true count with this cell key.</summary>
    public long Publish(long count, uint cellKey) => count + Noise(count, cellKey);

    /// <summary>The variance of the noise a count gets (V from the first count that no constraint binds).</summary>
    public double NoiseVariance(long count)
    {
        double variance = 0;
        for (var v = -MaximumNoise; v <= MaximumNoise; v++)
            variance += Probability(count, v) * v * v;
        return variance;
    }

    private int RowOf(long count) => (int)Math.Min(count, LastRow);
}
