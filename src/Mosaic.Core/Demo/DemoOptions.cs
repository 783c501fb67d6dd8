namespace Mosaic.Core.Demo;

/// <summary>Parameters of the demo dataset. The same options always give byte-identical data.</summary>
public sealed record DemoOptions
{
    /// <summary>Households generated when no number is given.</summary>
    public const int DefaultHouseholds = 20_000;
    /// <summary>The seed used when none is given.</summary>
    public const long DefaultSeed = 2026;

    /// <summary>Number of households to generate. Household <c>i</c> does not depend on this number, so a smaller
    /// dataset is a prefix of a bigger one with the same seed.</summary>
    public int Households { get; init; } = DefaultHouseholds;

    /// <summary>Seed of every random stream: the same seed gives the same areas and households.</summary>
    public long Seed { get; init; } = DefaultSeed;
}
