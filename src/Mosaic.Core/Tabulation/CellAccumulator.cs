using Mosaic.Core.Indicators;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// The counting pass: one scan over the units (persons or households) in blocks, computing each unit's cell key
/// from the compiled dimensions and adding it to dense per-cell arrays. Work is split by household ranges across
/// cores, each with its own arrays, merged at the end.
/// </summary>
internal sealed class CellAccumulator
{
    private const int BlockSize = 4096;

    private readonly RegistrySnapshot _s;
    private readonly FieldLevel _unit;
    private readonly CompiledDimension[] _householdDims;
    private readonly CompiledDimension[] _personDims;
    private readonly Bitmap _population;
    private readonly MeasureKind _kind;
    private readonly Bitmap? _numerator;
    private readonly Func<int, double>? _value;
    private readonly Func<int, double>? _weight;
    private readonly int _size;

    public CellAccumulator(RegistrySnapshot snapshot, FieldLevel unit, IReadOnlyList<CompiledDimension> dims, int size,
        Bitmap population, MeasureKind kind, Bitmap? numerator, Func<int, double>? value, Func<int, double>? weight)
    {
        _s = snapshot;
        _unit = unit;
        _householdDims = [.. dims.Where(d => d.Column.Level == FieldLevel.Household)];
        _personDims = [.. dims.Where(d => d.Column.Level == FieldLevel.Person)];
        _population = population;
        _kind = kind;
        _numerator = numerator;
        _value = value;
        _weight = weight;
        _size = size;
    }

    /// <summary>Per cell: contributors, the measure's numerator sum and its denominator sum, and what the primary rules need.</summary>
    public CellSums Run()
    {
        var households = _s.HouseholdCount;
        var parts = Math.Clamp(Environment.ProcessorCount, 1, 8);
        if (households < 50_000)
            parts = 1;
        var results = new Partial[parts];
        // Split by households so that person ranges stay whole; boundaries balanced on the unit count.
        var bounds = new int[parts + 1];
        bounds[parts] = households;
        for (var i = 1; i < parts; i++)
        {
            if (_unit == FieldLevel.Person)
            {
                var targetPerson = (int)((long)_s.PersonCount * i / parts);
                var h = Array.BinarySearch(_s.PersonStart, 0, households, targetPerson);
                bounds[i] = h >= 0 ? h : ~h;
            }
            else
            {
                bounds[i] = (int)((long)households * i / parts);
            }
        }
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, p =>
        {
            var partial = new Partial(_size, _kind != MeasureKind.Count || _weight is not null, _kind);
            if (_unit == FieldLevel.Person)
                ScanPersons(bounds[p], bounds[p + 1], partial);
            else
                ScanHouseholds(bounds[p], bounds[p + 1], partial);
            results[p] = partial;
        });
        var total = results[0];
        for (var p = 1; p < parts; p++)
            total.Add(results[p]);
        var contributors = new long[_size];
        for (var i = 0; i < _size; i++)
            contributors[i] = total.Contributors[i];
        return new CellSums(contributors, total.Numerator ?? contributors.Select(c => (double)c).ToArray(), total.Denominator ?? new double[_size])
        {
            NumeratorContributors = total.NumeratorCount is { } yes ? Array.ConvertAll(yes, c => (long)c) : null,
            Largest = total.Largest,
            SecondLargest = total.Second,
            Magnitude = total.Magnitude,
        };
    }

    private int HouseholdKey(int h)
    {
        var key = 0;
        foreach (var d in _householdDims)
            key += d.KeyAt(h);
        return key;
    }

    private void ScanHouseholds(int from, int to, Partial acc)
    {
        var keys = new int[BlockSize];
        for (var h0 = from; h0 < to; h0 += BlockSize)
        {
            var n = Math.Min(BlockSize, to - h0);
            var span = keys.AsSpan(0, n);
            span.Clear();
            foreach (var d in _householdDims)
                d.AddKeys(h0, span);
            Accumulate(h0, span, acc);
        }
    }

    private void ScanPersons(int from, int to, Partial acc)
    {
        var start = _s.PersonStart;
        var keys = new int[BlockSize];
        var h = from;
        while (h < to)
        {
            // A block is whole households with at most BlockSize members (or one larger household on its own).
            var p0 = start[h];
            var end = h + 1;
            while (end < to && start[end + 1] - p0 <= BlockSize)
                end++;
            var n = start[end] - p0;
            if (keys.Length < n)
                keys = new int[n];
            var span = keys.AsSpan(0, n);
            if (_householdDims.Length == 0)
            {
                span.Clear();
            }
            else
            {
                for (var hh = h; hh < end; hh++)
                    span[(start[hh] - p0)..(start[hh + 1] - p0)].Fill(HouseholdKey(hh));
            }
            foreach (var d in _personDims)
                d.AddKeys(p0, span);
            Accumulate(p0, span, acc);
            h = end;
        }
    }

    private void Accumulate(int first, ReadOnlySpan<int> keys, Partial acc)
    {
        var words = _population.Words;
        var contributors = acc.Contributors;
        if (_kind == MeasureKind.Count && _weight is null)
        {
            // The hot path of the benchmark: a bit test and an increment per unit.
            for (var i = 0; i < keys.Length; i++)
            {
                var u = first + i;
                contributors[keys[i]] += (int)((words[u >> 6] >> u) & 1UL);
            }
            return;
        }
        var numerator = acc.Numerator!;
        var denominator = acc.Denominator!;
        for (var i = 0; i < keys.Length; i++)
        {
            var u = first + i;
            if (((words[u >> 6] >> u) & 1UL) == 0)
                continue;
            var w = _weight is null ? 1.0 : _weight(u);
            if (double.IsNaN(w))
                continue;
            var key = keys[i];
            switch (_kind)
            {
                case MeasureKind.Count:
                    contributors[key]++;
                    numerator[key] += w;
                    break;
                case MeasureKind.Sum or MeasureKind.Mean:
                    var v = _value!(u);
                    if (double.IsNaN(v))
                        continue;
                    contributors[key]++;
                    numerator[key] += w * v;
                    denominator[key] += w;
                    acc.AddContribution(key, Math.Abs(w * v));
                    break;
                case MeasureKind.Share:
                    contributors[key]++;
                    denominator[key] += w;
                    if (_numerator![u])
                    {
                        numerator[key] += w;
                        acc.NumeratorCount![key]++;
                    }
                    break;
            }
        }
    }

    private sealed class Partial(int size, bool sums, MeasureKind kind)
    {
        public int[] Contributors { get; } = new int[size];

        public double[]? Numerator { get; } = sums ? new double[size] : null;

        public double[]? Denominator { get; } = sums ? new double[size] : null;

        public int[]? NumeratorCount { get; } = kind == MeasureKind.Share ? new int[size] : null;

        private readonly bool _magnitude = kind is MeasureKind.Sum or MeasureKind.Mean;

        public double[]? Largest { get; } = kind is MeasureKind.Sum or MeasureKind.Mean ? new double[size] : null;

        public double[]? Second { get; } = kind is MeasureKind.Sum or MeasureKind.Mean ? new double[size] : null;

        public double[]? Magnitude { get; } = kind is MeasureKind.Sum or MeasureKind.Mean ? new double[size] : null;

        /// <summary>One unit's absolute contribution to a sum: kept for the dominance and p% rules.</summary>
        public void AddContribution(int key, double a)
        {
            Magnitude![key] += a;
            if (a > Largest![key])
            {
                Second![key] = Largest[key];
                Largest[key] = a;
            }
            else if (a > Second![key])
            {
                Second[key] = a;
            }
        }

        public void Add(Partial other)
        {
            for (var i = 0; i < Contributors.Length; i++)
                Contributors[i] += other.Contributors[i];
            if (Numerator is not null)
            {
                for (var i = 0; i < Numerator.Length; i++)
                {
                    Numerator[i] += other.Numerator![i];
                    Denominator![i] += other.Denominator![i];
                }
            }
            if (NumeratorCount is not null)
            {
                for (var i = 0; i < NumeratorCount.Length; i++)
                    NumeratorCount[i] += other.NumeratorCount![i];
            }
            if (_magnitude)
            {
                for (var i = 0; i < Magnitude!.Length; i++)
                {
                    Magnitude[i] += other.Magnitude![i];
                    (Largest![i], Second![i]) = TopTwo.Merge(Largest[i], Second[i], other.Largest![i], other.Second![i]);
                }
            }
        }
    }
}
