using Mosaic.Core.Tabulation;

namespace Mosaic.Core.Targeting;

/// <summary>
/// What ranking a target list needs of each household, a few bytes each: its area (two bytes), its assistance answer
/// and head's sex (one byte), the set of its members' migratory statuses (two bytes: no member column is kept), its
/// reference welfare, and the household ids as runs of consecutive ids (a registry's ids are mostly consecutive, so
/// they take almost nothing). Read from a current image by <see cref="SnapshotImage.TryReadTargeting"/> (the image is
/// still read and checksummed whole) or made from a snapshot (<see cref="From"/>).
/// </summary>
internal sealed class TargetingColumns
{
    /// <summary>The most areas <see cref="Area"/> can index.</summary>
    public const int MaxAreas = ushort.MaxValue + 1;

    /// <summary>The highest migratory status code whose bit <see cref="Statuses"/> has (bit code − 1).</summary>
    public const int MaxStatusCode = 16;

    /// <summary>The highest head's sex code <see cref="Info"/> holds (six bits).</summary>
    public const int MaxHeadSexCode = 63;

    public TargetingColumns(SnapshotAreas areas, int households, ushort[] area, byte[] info, ushort[] statuses, WelfareColumn welfare, HouseholdIdRuns ids)
    {
        if (area.Length != households || info.Length != households || statuses.Length != households || welfare.Length != households || ids.Count != households)
            throw new ArgumentException("the targeting columns do not have one value per household");
        Areas = areas;
        HouseholdCount = households;
        Area = area;
        Info = info;
        Statuses = statuses;
        Welfare = welfare;
        Ids = ids;
    }

    public SnapshotAreas Areas { get; }

    public int HouseholdCount { get; }

    /// <summary>Index of each household's area in <see cref="SnapshotAreas.Pcodes"/>.</summary>
    public ushort[] Area { get; }

    /// <summary>Assistance answer (bits 0–1: 0 missing, 1 no, 2 yes) and head's sex code (bits 2–7) of each household.</summary>
    public byte[] Info { get; }

    /// <summary>Bit code − 1 set for each migratory status code 1 … 16 among the household's members.</summary>
    public ushort[] Statuses { get; }

    /// <summary>Reference welfare of each household (NaN = missing).</summary>
    public WelfareColumn Welfare { get; }

    /// <summary>Store id of each household, ascending.</summary>
    public HouseholdIdRuns Ids { get; }

    public static byte PackInfo(byte householdFlags, byte headSex) =>
        (byte)(RegistrySnapshot.Tri(householdFlags, RegistrySnapshot.AssistanceShift) | (headSex << 2));

    public bool Assisted(int household) => (Info[household] & 3) == 2;

    public int HeadSex(int household) => Info[household] >> 2;

    /// <summary>
    /// The columns of a snapshot that has them (whole or read through <see cref="SnapshotProjection.Targeting"/>), or
    /// null when they do not fit this form (more areas, status or sex codes than it holds).
    /// </summary>
    public static TargetingColumns? From(RegistrySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var n = snapshot.HouseholdCount;
        if (snapshot.Areas.Pcodes.Count > MaxAreas)
            return null;
        var area = new ushort[n];
        var info = new byte[n];
        var statuses = new ushort[n];
        var ids = new HouseholdIdRuns.Builder();
        var welfare = new WelfareColumn.Builder(n);
        for (var h = 0; h < n; h++)
        {
            area[h] = (ushort)snapshot.Area[h];
            if (snapshot.HeadSex[h] > MaxHeadSexCode)
                return null;
            info[h] = PackInfo(snapshot.HouseholdFlags[h], snapshot.HeadSex[h]);
            var bits = 0;
            for (var p = snapshot.PersonStart[h]; p < snapshot.PersonStart[h + 1]; p++)
            {
                var code = snapshot.MigratoryStatus[p];
                if (code > MaxStatusCode)
                    return null;
                if (code != 0)
                    bits |= 1 << (code - 1);
            }
            statuses[h] = (ushort)bits;
            if (!ids.TryAdd(snapshot.HouseholdId[h]))
                return null;
            welfare.Add(snapshot.ReferenceWelfare[h]);
        }
        return new TargetingColumns(snapshot.Areas, n, area, info, statuses, welfare.Build(), ids.Build());
    }
}

/// <summary>Ascending household ids kept as runs of consecutive ids: (first index, first id) per run.</summary>
internal sealed class HouseholdIdRuns
{
    private readonly int[] _starts;
    private readonly long[] _firstIds;

    private HouseholdIdRuns(int[] starts, long[] firstIds, int count)
    {
        _starts = starts;
        _firstIds = firstIds;
        Count = count;
    }

    public int Count { get; }

    /// <summary>Runs kept (the memory they take: 12 bytes each).</summary>
    public int Runs => _starts.Length;

    /// <summary>The id of household <paramref name="index"/>.</summary>
    public long this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(index));
            var run = Array.BinarySearch(_starts, index);
            if (run < 0)
                run = ~run - 1;
            return _firstIds[run] + (index - _starts[run]);
        }
    }

    /// <summary>Reads the ids in order, one after the other (no search per id).</summary>
    public struct Cursor(HouseholdIdRuns runs)
    {
        private int _index;
        private int _run;

        public readonly int Index => _index;

        public readonly bool AtEnd => _index >= runs.Count;

        public readonly long Current => runs._firstIds[_run] + (_index - runs._starts[_run]);

        public void Next()
        {
            _index++;
            if (_run + 1 < runs._starts.Length && runs._starts[_run + 1] == _index)
                _run++;
        }
    }

    /// <summary>Collects ascending ids (each must exceed the one before).</summary>
    public sealed class Builder
    {
        private readonly List<int> _starts = [];
        private readonly List<long> _firstIds = [];
        private long _last;
        private int _count;

        /// <summary>Adds the next id; false (nothing added) when it does not exceed the one before.</summary>
        public bool TryAdd(long id)
        {
            if (_count > 0 && id <= _last)
                return false;
            if (_count == 0 || id != _last + 1)
            {
                _starts.Add(_count);
                _firstIds.Add(id);
            }
            _last = id;
            _count++;
            return true;
        }

        public HouseholdIdRuns Build() => new([.. _starts], [.. _firstIds], _count);
    }
}

/// <summary>
/// Reference welfare per household, exact: an index into its distinct values (two bytes a household) while there are
/// at most 65,536 of them — welfare measures are usually recorded to a few digits (the demo: 9,045 distinct values in
/// 200,000 households) —, else the values themselves.
/// </summary>
internal sealed class WelfareColumn
{
    private readonly ushort[]? _codes;
    private readonly double[]? _table;
    private readonly double[]? _values;

    private WelfareColumn(ushort[]? codes, double[]? table, double[]? values) => (_codes, _table, _values) = (codes, table, values);

    /// <summary>The welfare of household <paramref name="household"/> (NaN = missing).</summary>
    public double this[int household] => _values is not null ? _values[household] : _table![_codes![household]];

    /// <summary>Households.</summary>
    public int Length => _values?.Length ?? _codes!.Length;

    /// <summary>Whether the values are kept as indices into their distinct values.</summary>
    public bool Coded => _values is null;

    /// <summary>The values themselves, not copied (a snapshot's reference welfare column).</summary>
    public static WelfareColumn Over(double[] values) => new(null, null, values);

    /// <summary>Collects the values in household order.</summary>
    public sealed class Builder(int households)
    {
        private readonly Dictionary<long, ushort> _index = [];
        private readonly List<double> _table = [];
        private ushort[]? _codes = new ushort[households];
        private double[]? _values;
        private int _count;

        public void Add(double value)
        {
            if (double.IsNaN(value))
                value = double.NaN;
            if (_codes is not null)
            {
                var bits = BitConverter.DoubleToInt64Bits(value);
                if (!_index.TryGetValue(bits, out var code) && _table.Count <= ushort.MaxValue)
                {
                    _index[bits] = code = (ushort)_table.Count;
                    _table.Add(value);
                }
                else if (!_index.ContainsKey(bits))
                {
                    // More distinct values than two bytes index: keep the values themselves from now on.
                    _values = new double[_codes.Length];
                    for (var h = 0; h < _count; h++)
                        _values[h] = _table[_codes[h]];
                    _codes = null;
                    _values[_count++] = value;
                    return;
                }
                _codes[_count++] = code;
                return;
            }
            _values![_count++] = value;
        }

        public WelfareColumn Build() => _codes is not null ? new WelfareColumn(_codes, [.. _table], null) : new WelfareColumn(null, null, _values);
    }
}
