using Mosaic.Core.Storage;

namespace Mosaic.Core.Demo;

/// <summary>The state shared by the steps of one demo run: the generator, the target store, counts, progress.</summary>
public sealed class DemoRun
{
    private readonly Action<long>? _progress;
    private long _done;

    /// <summary>A run writing the generator's data to a store; <paramref name="progress"/> receives the units of work
    /// done so far.</summary>
    public DemoRun(DemoGenerator demo, IMosaicStore store, Action<long>? progress = null)
    {
        Demo = demo;
        Store = store;
        _progress = progress;
    }

    /// <summary>The generator of the data written.</summary>
    public DemoGenerator Demo { get; }

    /// <summary>The store the steps write to.</summary>
    public IMosaicStore Store { get; }

    /// <summary>Named counts steps report (<c>households_added</c>, <c>areas_inserted</c>, …), in insertion order.</summary>
    public IList<KeyValuePair<string, long>> Counts { get; } = [];

    /// <summary>Counts of the generated households (filled by the households step).</summary>
    public DemoSummary Summary { get; } = new();

    /// <summary>Records a named count for the report (e.g. <c>households_added</c>).</summary>
    public void Count(string name, long value) => Counts.Add(new(name, value));

    /// <summary>Reports <paramref name="units"/> more units of work done.</summary>
    public void Advance(long units)
    {
        _done += units;
        _progress?.Invoke(_done);
    }
}
