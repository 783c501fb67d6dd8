using Mosaic.Core.Disclosure;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// The cells of a perturbed table over all codes and totals: true counts and cell keys (of the population and, for
/// shares, of the numerator), and the values the perturbation table publishes for them.
/// </summary>
internal sealed class PerturbedCells
{
    private readonly LinkedTable _table;
    private readonly long[] _counts;
    private readonly uint[] _keys;
    private readonly long[]? _numeratorCounts;
    private readonly uint[]? _numeratorKeys;
    private long[] _published = [];
    private long[]? _publishedNumerator;

    public PerturbedCells(LinkedTable table, bool share)
    {
        _table = table;
        _counts = new long[table.Size];
        _keys = new uint[table.Size];
        if (share)
        {
            _numeratorCounts = new long[table.Size];
            _numeratorKeys = new uint[table.Size];
        }
    }

    /// <summary>Copies dense cell <paramref name="dense"/> of the counting pass into cell <paramref name="index"/>.</summary>
    public void Set(int index, CellKeyCounts counts, int dense)
    {
        _counts[index] = counts.Counts[dense];
        _keys[index] = counts.Keys[dense];
        if (_numeratorCounts is not null)
        {
            _numeratorCounts[index] = counts.NumeratorCounts![dense];
            _numeratorKeys![index] = counts.NumeratorKeys![dense];
        }
    }

    /// <summary>Fills the totals (counts add, keys add modulo 1) and perturbs every cell.</summary>
    public void Complete(PerturbationTable perturbation)
    {
        _table.FillTotals(_counts);
        _table.FillTotals(_keys);
        _published = Publish(perturbation, _counts, _keys);
        if (_numeratorCounts is not null)
        {
            _table.FillTotals(_numeratorCounts);
            _table.FillTotals(_numeratorKeys!);
            _publishedNumerator = Publish(perturbation, _numeratorCounts, _numeratorKeys!);
        }
    }

    private static long[] Publish(PerturbationTable perturbation, long[] counts, uint[] keys)
    {
        var published = new long[counts.Length];
        for (var i = 0; i < counts.Length; i++)
            published[i] = perturbation.Publish(counts[i], keys[i]);
        return published;
    }

    /// <summary>The published count of the population (a share's denominator).</summary>
    public long PublishedDenominator(int index) => _published[index];

    public TableCell Cell(int index, int[] categories)
    {
        var count = _published[index];
        if (_publishedNumerator is null)
            return new TableCell(categories, count, null, CellStatus.Published) { Contributors = _counts[index] };
        // Numerator and denominator are perturbed on their own; a numerator published above its denominator is capped.
        double? share = count > 0 ? Math.Min(_publishedNumerator[index], count) / (double)count : null;
        return new TableCell(categories, share, count, CellStatus.Published) { Contributors = _counts[index] };
    }
}
