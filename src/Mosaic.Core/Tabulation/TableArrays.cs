using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators;

namespace Mosaic.Core.Tabulation;

/// <summary>The counting pass's sums laid out on the published <see cref="LinkedTable"/> (observed categories, totals last).</summary>
internal sealed class TableArrays
{
    private readonly LinkedTable _table;
    private readonly CellSums _sums;

    public TableArrays(LinkedTable table, CellSums sums)
    {
        _table = table;
        _sums = sums;
        var size = table.Size;
        Contributors = new long[size];
        Numerator = new double[size];
        Denominator = new double[size];
        NumeratorContributors = sums.NumeratorContributors is null ? null : new long[size];
        if (sums.Largest is not null)
        {
            Largest = new double[size];
            SecondLargest = new double[size];
            Magnitude = new double[size];
        }
    }

    public long[] Contributors { get; }

    public double[] Numerator { get; }

    public double[] Denominator { get; }

    public long[]? NumeratorContributors { get; }

    public double[]? Largest { get; }

    public double[]? SecondLargest { get; }

    public double[]? Magnitude { get; }

    /// <summary>Distinct households per cell, totals included (set by the caller when the household rule is on).</summary>
    public long[]? Households { get; set; }

    /// <summary>Copies dense cell <paramref name="dense"/> of the counting pass into table cell <paramref name="cell"/>.</summary>
    public void Set(int cell, int dense)
    {
        Contributors[cell] = _sums.Contributors[dense];
        Numerator[cell] = _sums.Numerator[dense];
        Denominator[cell] = _sums.Denominator[dense];
        if (NumeratorContributors is not null)
            NumeratorContributors[cell] = _sums.NumeratorContributors![dense];
        if (Largest is not null)
        {
            Largest[cell] = _sums.Largest![dense];
            SecondLargest![cell] = _sums.SecondLargest![dense];
            Magnitude![cell] = _sums.Magnitude![dense];
        }
    }

    public void FillTotals()
    {
        _table.FillTotals(Contributors);
        _table.FillTotals(Numerator);
        _table.FillTotals(Denominator);
        if (NumeratorContributors is not null)
            _table.FillTotals(NumeratorContributors);
        if (Largest is not null)
        {
            _table.FillTotals(Magnitude!);
            FillTopTwo();
        }
    }

    public CellFacts Facts() => new(Contributors)
    {
        Households = Households,
        NumeratorContributors = NumeratorContributors,
        Largest = Largest,
        SecondLargest = SecondLargest,
        Magnitude = Magnitude,
    };

    /// <summary>The additive quantities an intruder can read off the published table, each with its protection levels.</summary>
    public List<ProtectionLayer> Layers(MeasureKind kind, bool weighted, DisclosureRule rule)
    {
        var k = rule.MinimumContributors;
        switch (kind)
        {
            case MeasureKind.Count:
                return [ProtectionLayer.Count("count", weighted ? Numerator : Array.ConvertAll(Contributors, c => (double)c), Contributors, k)];
            case MeasureKind.Share:
                // The published share times the published denominator gives the numerator: both add up, and so does
                // the rest (the units without the attribute), which the complement rule protects: an intruder who
                // knows the numerator can never exceed the denominator narrows it apart from the other two.
                var rest = new double[Denominator.Length];
                var restContributors = new long[Denominator.Length];
                for (var i = 0; i < rest.Length; i++)
                {
                    rest[i] = Denominator[i] - Numerator[i];
                    restContributors[i] = Contributors[i] - NumeratorContributors![i];
                }
                return
                [
                    ProtectionLayer.Count("denominator", Denominator, Contributors, k),
                    ProtectionLayer.Count("numerator", Numerator, NumeratorContributors!, k),
                    ProtectionLayer.Count("complement", rest, restContributors, k),
                ];
            default:
                var primary = new double[Numerator.Length];
                for (var i = 0; i < primary.Length; i++)
                    primary[i] = rule.PPercent / 100 * Math.Abs(Numerator[i]);
                return
                [
                    ProtectionLayer.Count("count", Denominator, Contributors, k),
                    new ProtectionLayer("sum", Numerator, primary, new double[Numerator.Length], ProtectionLayer.AllInnerNonNegative(Numerator)),
                ];
        }
    }

    /// <summary>Top two contributions of every total: the top two of its cells' top twos, one dimension at a time.</summary>
    private void FillTopTwo()
    {
        var largest = Largest!;
        var second = SecondLargest!;
        for (var d = 0; d < _table.Dimensions; d++)
        {
            var stride = _table.Strides[d];
            var c = _table.Categories[d];
            var block = stride * _table.Extents[d];
            for (var start = 0; start < _table.Size; start += block)
            {
                for (var offset = 0; offset < stride; offset++)
                {
                    double a1 = 0, a2 = 0;
                    var i = start + offset;
                    for (var k = 0; k < c; k++, i += stride)
                        (a1, a2) = TopTwo.Merge(a1, a2, largest[i], second[i]);
                    largest[i] = a1;
                    second[i] = a2;
                }
            }
        }
    }
}
