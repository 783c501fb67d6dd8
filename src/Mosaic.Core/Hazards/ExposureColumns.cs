namespace Mosaic.Core.Hazards;

/// <summary>
/// Exposures of many households as flat columns (method, area used, one value per hazard type): a million
/// households take three arrays instead of two million small objects. <see cref="this[int]"/> builds a
/// <see cref="HouseholdExposure"/> on demand for the few households an output needs.
/// </summary>
public sealed class ExposureColumns
{
    private ExposureMethod[] _methods = [];
    private string?[] _areas = [];
    private double[] _values = [];

    /// <summary>Empty columns with room for <paramref name="capacity"/> households.</summary>
    public ExposureColumns(int capacity = 0)
    {
        Reserve(capacity);
    }

    /// <summary>Number of households.</summary>
    public int Count { get; private set; }

    /// <summary>A household's exposure as a value (allocates: for outputs, not for hot loops).</summary>
    public HouseholdExposure this[int index] => new(_methods[index], _areas[index], Values(index).ToArray());

    /// <summary>How the household's exposure was measured.</summary>
    public ExposureMethod Method(int index) => _methods[index];

    /// <summary>For <see cref="ExposureMethod.AreaShare"/>: the area whose boundary was used (else null).</summary>
    public string? AreaPcode(int index) => _areas[index];

    /// <summary>The household's exposure per hazard type, indexed by <see cref="HazardType"/> (NaN = unknown).</summary>
    public Span<double> Values(int index) => _values.AsSpan(index * HazardTypes.Count, HazardTypes.Count);

    /// <summary>Appends <paramref name="count"/> households of unknown exposure; returns the first new index.</summary>
    public int Append(int count)
    {
        var start = Count;
        Reserve(start + count);
        Count = start + count;
        _values.AsSpan(start * HazardTypes.Count, count * HazardTypes.Count).Fill(double.NaN);
        return start;
    }

    /// <summary>Empties the columns, keeping their room (a chunk of a streamed run reuses them for the next).</summary>
    internal void Clear()
    {
        _methods.AsSpan(0, Count).Clear();
        _areas.AsSpan(0, Count).Clear();
        Count = 0;
    }

    /// <summary>Sets a household's exposure.</summary>
    public void Set(int index, HouseholdExposure exposure)
    {
        _methods[index] = exposure.Method;
        _areas[index] = exposure.AreaPcode;
        exposure.Values.CopyTo(Values(index));
    }

    /// <summary>Marks a household as measured by its GPS point (values written through <see cref="Values"/>).</summary>
    public void SetGps(int index) => _methods[index] = ExposureMethod.Gps;

    private void Reserve(int capacity)
    {
        if (capacity <= _methods.Length)
            return;
        var size = Math.Max(capacity, (int)Math.Min(Array.MaxLength / HazardTypes.Count, _methods.Length * 2L));
        Array.Resize(ref _methods, size);
        Array.Resize(ref _areas, size);
        Array.Resize(ref _values, size * HazardTypes.Count);
    }
}
