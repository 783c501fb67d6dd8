namespace Mosaic.Core.Tabulation;

/// <summary>
/// The counting pass of cell-key perturbation: per dense cell, the number of units in the population and the
/// wrapping sum of their record keys (the cell key, see <see cref="Disclosure.CellKey"/>), and the same for the
/// units of a share's numerator. One scan in blocks, split by household ranges across cores as
/// <see cref="CellAccumulator"/> does; key sums add modulo 2³², so partial results merge by plain addition.
/// </summary>
internal sealed class CellKeyAccumulator
{
    private const int BlockSize = 4096;

    private readonly RegistrySnapshot _s;
    private readonly FieldLevel _unit;
    private readonly CompiledDimension[] _householdDims;
    private readonly CompiledDimension[] _personDims;
    private readonly Bitmap _population;
    private readonly Bitmap? _numerator;
    private readonly uint[] _recordKeys;
    private readonly int _size;

    public CellKeyAccumulator(RegistrySnapshot snapshot, FieldLevel unit, IReadOnlyList<CompiledDimension> dims, int size, Bitmap population, Bitmap? numerator)
    {
        _s = snapshot;
        _unit = unit;
        _householdDims = [.. dims.Where(d => d.Column.Level == FieldLevel.Household)];
        _personDims = [.. dims.Where(d => d.Column.Level == FieldLevel.Person)];
        _population = population;
        _numerator = numerator;
        _recordKeys = unit == FieldLevel.Person ? snapshot.PersonKey : snapshot.HouseholdKey;
        _size = size;
    }

    /// <summary>Counts and cell keys per dense cell; the numerator's are null unless a numerator was given.</summary>
    public CellKeyCounts Run()
    {
        var households = _s.HouseholdCount;
        var parts = households < 50_000 ? 1 : Math.Clamp(Environment.ProcessorCount, 1, 8);
        var bounds = new int[parts + 1];
        bounds[parts] = households;
        for (var i = 1; i < parts; i++)
        {
            if (_unit == FieldLevel.Person)
            {
                var h = Array.BinarySearch(_s.PersonStart, 0, households, (int)((long)_s.PersonCount * i / parts));
                bounds[i] = h >= 0 ? h : ~h;
            }
            else
            {
                bounds[i] = (int)((long)households * i / parts);
            }
        }
        var results = new CellKeyCounts[parts];
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, p =>
        {
            var partial = new CellKeyCounts(_size, _numerator is not null);
            if (_unit == FieldLevel.Person)
                ScanPersons(bounds[p], bounds[p + 1], partial);
            else
                ScanHouseholds(bounds[p], bounds[p + 1], partial);
            results[p] = partial;
        });
        for (var p = 1; p < parts; p++)
            results[0].Add(results[p]);
        return results[0];
    }

    private void ScanHouseholds(int from, int to, CellKeyCounts acc)
    {
        var keys = new int[BlockSize];
        for (var h0 = from; h0 < to; h0 += BlockSize)
        {
            var span = keys.AsSpan(0, Math.Min(BlockSize, to - h0));
            span.Clear();
            foreach (var d in _householdDims)
                d.AddKeys(h0, span);
            Accumulate(h0, span, acc);
        }
    }

    private void ScanPersons(int from, int to, CellKeyCounts acc)
    {
        var start = _s.PersonStart;
        var keys = new int[BlockSize];
        var h = from;
        while (h < to)
        {
            // Whole households per block, as in CellAccumulator, so household dimensions are read once per household.
            var p0 = start[h];
            var end = h + 1;
            while (end < to && start[end + 1] - p0 <= BlockSize)
                end++;
            var n = start[end] - p0;
            if (keys.Length < n)
                keys = new int[n];
            var span = keys.AsSpan(0, n);
            span.Clear();
            for (var hh = h; hh < end; hh++)
            {
                var part = 0;
                foreach (var d in _householdDims)
                    part += d.KeyAt(hh);
                if (part != 0)
                    span[(start[hh] - p0)..(start[hh + 1] - p0)].Fill(part);
            }
            foreach (var d in _personDims)
                d.AddKeys(p0, span);
            Accumulate(p0, span, acc);
            h = end;
        }
    }

    private void Accumulate(int first, ReadOnlySpan<int> cells, CellKeyCounts acc)
    {
        var words = _population.Words;
        var counts = acc.Counts;
        var cellKeys = acc.Keys;
        var recordKeys = _recordKeys;
        if (_numerator is null)
        {
            for (var i = 0; i < cells.Length; i++)
            {
                var u = first + i;
                if (((words[u >> 6] >> u) & 1UL) == 0)
                    continue;
                counts[cells[i]]++;
                cellKeys[cells[i]] += recordKeys[u];
            }
            return;
        }
        var numeratorWords = _numerator.Words;
        var numeratorCounts = acc.NumeratorCounts!;
        var numeratorKeys = acc.NumeratorKeys!;
        for (var i = 0; i < cells.Length; i++)
        {
            var u = first + i;
            if (((words[u >> 6] >> u) & 1UL) == 0)
                continue;
            var cell = cells[i];
            counts[cell]++;
            cellKeys[cell] += recordKeys[u];
            if (((numeratorWords[u >> 6] >> u) & 1UL) != 0)
            {
                numeratorCounts[cell]++;
                numeratorKeys[cell] += recordKeys[u];
            }
        }
    }
}
