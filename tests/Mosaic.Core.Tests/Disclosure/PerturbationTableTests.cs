using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Mosaic.Core.Disclosure;

namespace Mosaic.Core.Tests.Disclosure;

/// <summary>
/// The documented bounds of the perturbation table, checked row by row from its probabilities (the oracle is the
/// definition: sums, means and variances computed here), for the default table and for random valid parameters.
/// </summary>
public sealed class PerturbationTableTests
{
    private const int Counts = 40;

    private static void AssertDocumentedBounds(PerturbationTable table)
    {
        var p = table.Parameters;
        var d = p.MaximumNoise;
        for (var count = 0; count <= Counts; count++)
        {
            double sum = 0, mean = 0, variance = 0;
            for (var v = -d - 2; v <= d + 2; v++)
            {
                var probability = table.Probability(count, v);
                Assert.InRange(probability, 0, 1);
                if (Math.Abs(v) > d)
                    Assert.Equal(0, probability);
                var published = count + v;
                if (published < 0 || (published >= 1 && published <= p.BlockedUpTo))
                    Assert.True(probability == 0, $"count {count} may be published as {published}");
                sum += probability;
                mean += probability * v;
                variance += probability * v * v;
            }
            Assert.Equal(1, sum, 12);
            Assert.Equal(0, mean, 9);
            if (count == 0)
                Assert.Equal(1, table.Probability(0, 0));
            if (count > p.BlockedUpTo)
                Assert.Equal(p.StayProbability, table.Probability(count, 0), 12);
            if (count >= d + p.BlockedUpTo + 1)
                Assert.Equal(p.Variance, variance, 9);
        }
    }

    [Fact]
    public void DefaultTable_HasTheDocumentedBounds()
    {
        var table = PerturbationTable.Default;
        AssertDocumentedBounds(table);
        Assert.Equal(3, table.MaximumNoise);
        // The documented figures of docs/user-guide/disclosure.md.
        Assert.Equal(0.25, table.NoiseVariance(100), 9);
        Assert.Equal(0.96, table.Probability(100, 0), 9);
    }

    [Property(MaxTest = 60)]
    public Property RandomParameters_GiveTablesWithTheDocumentedBounds() =>
        Prop.ForAll(Gen.Choose(0, 3).SelectMany(js => Gen.Choose(Math.Max(js + 1, 2), js + 5).SelectMany(d =>
            Gen.Choose(0, 90).SelectMany(stay => Gen.Choose(1, 99).Select(fraction =>
            {
                var moved = 1 - stay / 100.0;
                var variance = moved + (moved * d * d - moved) * fraction / 100.0;
                return new PerturbationParameters(d, variance, js, stay / 100.0);
            })))).ToArbitrary(), parameters =>
            {
                AssertDocumentedBounds(PerturbationTable.Create(parameters));
            });

    [Fact]
    public void Noise_PicksEachDeviationWithItsProbability()
    {
        // Keys spread evenly over [0, 1): the share of keys giving each noise is the interval the table gives it.
        var table = PerturbationTable.Default;
        const int Steps = 1 << 16;
        foreach (var count in new[] { 1, 2, 3, 4, 5, 50 })
        {
            var seen = new int[2 * table.MaximumNoise + 1];
            for (long k = 0; k < Steps; k++)
                seen[table.Noise(count, (uint)(k * (4294967296L / Steps))) + table.MaximumNoise]++;
            for (var v = -table.MaximumNoise; v <= table.MaximumNoise; v++)
                Assert.InRange(Math.Abs(table.Probability(count, v) - seen[v + table.MaximumNoise] / (double)Steps), 0, 2.0 / Steps);
        }
    }

    [Fact]
    public void Publish_NeverShowsACountOfOneOrTwo_AndZeroStaysZero()
    {
        var table = PerturbationTable.Default;
        var rng = new Random(5);
        for (var i = 0; i < 200_000; i++)
        {
            var count = rng.Next(0, 30);
            var key = (uint)rng.NextInt64(0, 1L << 32);
            var published = table.Publish(count, key);
            Assert.True(published == 0 || published >= 3, $"{count} published as {published}");
            Assert.InRange(published - count, -3, 3);
            if (count == 0)
                Assert.Equal(0, published);
        }
    }

    [Theory]
    [InlineData(2, 0.5, 2, 0.87, "D (maximum noise, 2) must be larger than js (2)")]
    [InlineData(3, 0.1, 2, 0.87, "V must lie strictly between")]
    [InlineData(3, 2.0, 2, 0.87, "V must lie strictly between")]
    [InlineData(3, 0.5, 2, 1.0, "pstay must be at least 0 and below 1")]
    public void Create_WithImpossibleParameters_SaysWhy(int d, double v, int js, double pstay, string reason)
    {
        var ex = Assert.Throws<ArgumentException>(() => PerturbationTable.Create(new PerturbationParameters(d, v, js, pstay)));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }
}
