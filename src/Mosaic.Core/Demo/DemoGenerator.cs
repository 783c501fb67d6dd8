using Mosaic.Core.Areas;
using Mosaic.Core.Registry;

namespace Mosaic.Core.Demo;

/// <summary>
/// The synthetic Chilmari dataset (DESIGN §6): areas with boundaries and households with rosters, deterministic
/// from <see cref="DemoOptions.Seed"/>. Households are generated lazily, each from its own random stream, so memory
/// does not grow with their number and household <c>i</c> is the same whatever <see cref="DemoOptions.Households"/> is.
/// </summary>
public sealed class DemoGenerator
{
    private readonly double[] _cumulativeWeight;
    private readonly double[] _villageEffect;
    private readonly Dictionary<string, int> _villageIndex;
    private readonly double[] _exposedCumulative;

    /// <summary>A generator of the demo dataset for the options given (null = the defaults); the number of households
    /// must not be negative.</summary>
    public DemoGenerator(DemoOptions? options = null)
    {
        Options = options ?? new DemoOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(Options.Households);
        Geography = DemoGeography.Build(Options.Seed);
        var villages = Geography.Villages;
        _cumulativeWeight = new double[villages.Count];
        _exposedCumulative = new double[villages.Count];
        _villageEffect = new double[villages.Count];
        _villageIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        double total = 0, exposedTotal = 0;
        for (var i = 0; i < villages.Count; i++)
        {
            total += villages[i].Weight;
            exposedTotal += villages[i].RiverExposure * villages[i].RiverExposure + 0.01;
            _cumulativeWeight[i] = total;
            _exposedCumulative[i] = exposedTotal;
            _villageIndex[villages[i].Pcode] = i;
            // Villages differ in land, markets and roads; the river makes the exposed ones poorer.
            _villageEffect[i] = DemoRandom.For(Options.Seed, DemoStreams.Villages, 1000 + i).Normal(0, 0.3) - 0.5 * villages[i].RiverExposure;
        }
    }

    /// <summary>The options the dataset is generated from.</summary>
    public DemoOptions Options { get; }

    /// <summary>The demo's area tree and villages, built from the seed.</summary>
    public DemoGeography Geography { get; }

    /// <summary>Every area of the dataset, parents before children.</summary>
    public IReadOnlyList<Area> Areas() => Geography.Areas;

    /// <summary>The households, generated one at a time as the sequence is enumerated (re-enumerable).</summary>
    public IEnumerable<Household> Households()
    {
        for (long i = 0; i < Options.Households; i++)
            yield return Household(i);
    }

    /// <summary>Household number <paramref name="index"/> (0-based).</summary>
    public Household Household(long index) => HouseholdFactory.Create(this, index);

    /// <summary>The village a P-code names, or null.</summary>
    public DemoVillage? Village(string pcode) =>
        _villageIndex.TryGetValue(pcode, out var i) ? Geography.Villages[i] : null;

    internal DemoVillage PickVillage(DemoRandom r) => Geography.Villages[Search(_cumulativeWeight, r.NextDouble() * _cumulativeWeight[^1])];

    internal double VillageEffect(DemoVillage village) => _villageEffect[_villageIndex[village.Pcode]];

    /// <summary>Another village people came from: river-exposed ones for the displaced, any other otherwise.</summary>
    internal string PickOriginVillage(DemoRandom r, DemoVillage current, bool preferExposed)
    {
        var villages = Geography.Villages;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var i = preferExposed
                ? Search(_exposedCumulative, r.NextDouble() * _exposedCumulative[^1])
                : r.Between(0, villages.Count - 1);
            if (villages[i].Pcode != current.Pcode)
                return villages[i].Pcode;
        }
        return villages[0].Pcode == current.Pcode ? villages[1].Pcode : villages[0].Pcode;
    }

    private static int Search(double[] cumulative, double x)
    {
        var i = Array.BinarySearch(cumulative, x);
        return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
    }
}
