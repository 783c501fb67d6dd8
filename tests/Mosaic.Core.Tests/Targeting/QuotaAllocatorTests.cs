using FsCheck;
using FsCheck.Fluent;
using Mosaic.Core.Targeting;

namespace Mosaic.Core.Tests.Targeting;

public sealed class QuotaAllocatorTests
{
    [Fact]
    public void Allocate_QuotasAddUpAndNeverExceedCapacity()
    {
        var groups = Gen.Choose(0, 30).Zip(Gen.Choose(0, 40)).ArrayOf().Where(a => a.Length > 0);
        Prop.ForAll(groups.ToArbitrary(), Gen.Choose(0, 500).ToArbitrary(), (g, total) =>
        {
            var weights = g.Select(x => (double)x.Item1).ToArray();
            var capacity = g.Select(x => x.Item2).ToArray();
            var quota = QuotaAllocator.Allocate(total, weights, capacity);
            return quota.Sum() == Math.Min(total, capacity.Sum()) && quota.Zip(capacity).All(q => q.First >= 0 && q.First <= q.Second);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Allocate_Proportional_FollowsWeightsWithLargestRemainders()
    {
        Assert.Equal([5, 3, 2], QuotaAllocator.Allocate(10, [50, 30, 20], [100, 100, 100]));
        Assert.Equal([4, 4, 2], QuotaAllocator.Allocate(10, [44, 36, 20], [100, 100, 100]));
        // A capped area's surplus is shared among the others.
        Assert.Equal([2, 4, 4], QuotaAllocator.Allocate(10, [80, 10, 10], [2, 100, 100]));
    }

    [Fact]
    public void Allocate_EqualWithTieBreak_GivesLeftoverToHigherTieBreak()
    {
        Assert.Equal([3, 4, 3], QuotaAllocator.Allocate(10, [1, 1, 1], [100, 100, 100], [5, 9, 1]));
    }
}
