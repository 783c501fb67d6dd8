namespace Mosaic.Core.Demo;

/// <summary>
/// The demo's seeded pseudo-random generator (SplitMix64). Its own algorithm rather than <see cref="Random"/>, so
/// the dataset stays byte-identical across .NET versions, and cheap to fork: every household gets a stream derived
/// from (seed, index), which makes households independent of how many are generated and of generation order.
/// </summary>
public sealed class DemoRandom
{
    private ulong _state;

    /// <summary>A generator starting from a raw state; <see cref="For"/> derives independent streams.</summary>
    public DemoRandom(ulong seed) => _state = seed;

    /// <summary>A stream for one item of one kind (e.g. household 17's roster), independent of every other stream.</summary>
    public static DemoRandom For(long seed, ulong stream, long index) =>
        new(Mix(Mix((ulong)seed ^ 0x9E3779B97F4A7C15UL) ^ Mix(stream * 0xD1B54A32D192ED03UL) ^ (ulong)index));

    /// <summary>The next 64 uniformly random bits.</summary>
    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public double Uniform(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Uniform integer in [min, max] (both inclusive).</summary>
    public int Between(int min, int max) => min + (int)(NextUInt64() % (ulong)(max - min + 1));

    /// <summary>True with the given probability (0 to 1).</summary>
    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Standard normal (Box–Muller).</summary>
    public double Normal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Normal with the given mean and standard deviation.</summary>
    public double Normal(double mean, double sd) => mean + sd * Normal();

    /// <summary>One of the items, each equally likely; the list must not be empty.</summary>
    public T Pick<T>(IReadOnlyList<T> items) => items[(int)(NextUInt64() % (ulong)items.Count)];

    /// <summary>Picks an item with probability proportional to its weight.</summary>
    public T PickWeighted<T>(IReadOnlyList<(T Item, double Weight)> items)
    {
        var total = 0.0;
        foreach (var (_, w) in items)
            total += w;
        var x = NextDouble() * total;
        foreach (var (item, w) in items)
        {
            x -= w;
            if (x < 0)
                return item;
        }
        return items[^1].Item;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
