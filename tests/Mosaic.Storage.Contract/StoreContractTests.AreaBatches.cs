using Mosaic.Core.Areas;
using Mosaic.Core.Storage;

namespace Mosaic.Storage.Contract;

public abstract partial class StoreContractTests
{
    /// <summary>
    /// One upsert mixing new areas, renamed ones, the same P-code twice and a new area under one added earlier in the
    /// same input, across more than one statement's worth of rows: the tree ends as if every row were applied in
    /// order (the oracle: a dictionary where each row replaces the one before it with its P-code).
    /// </summary>
    [Fact]
    public async Task Areas_OneUpsertOfManyChanges_EndsAsIfEachRowWereAppliedInOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        var villages = Enumerable.Range(0, 1_300).Select(i => new Area($"BD5549099{i:D4}", $"Village {i}", 4, "BD554909")).ToList();
        await Store.Areas.UpsertAsync([.. Fixtures.Areas, .. villages], cancellationToken: ct);

        var input = new List<Area>();
        input.AddRange(villages.Select(v => new Area(v.Pcode, v.Name + " (renamed)", 4, "BD554909")));   // 1,300 renames
        input.Add(new Area("BD5549099" + "1299", "Renamed twice in a row", 4, "BD554909"));               // the last one again
        input.Add(new Area("BD554999", "New union", 3, "BD5549"));                                        // new
        input.Add(new Area("BD55499901", "Under the new union", 4, "BD554999"));                           // its child, same input
        input.Add(new Area("BD5549099" + "0007", "Renamed twice", 4, "BD554909"));                        // a P-code again
        input.Add(new Area("BD554999", "New union, renamed", 3, "BD5549"));                               // the new one renamed
        input.Add(new Area("BD5549099" + "0008", "Moved", 4, "BD554999"));                                // moved under the new union
        var result = await Store.Areas.UpsertAsync(input, cancellationToken: ct);

        var expected = new Dictionary<string, Area>(StringComparer.Ordinal);
        foreach (var a in Fixtures.Areas.Concat(villages).Concat(input))
            expected[a.Pcode] = a;
        Reopen();
        var stored = await Store.Areas.AllAsync(cancellationToken: ct);
        Assert.Equal(expected.Count, stored.Count);
        foreach (var a in stored)
        {
            var e = expected[a.Pcode];
            Assert.Equal((e.Name, e.Level, e.ParentPcode), (a.Name, a.Level, a.ParentPcode));
        }
        Assert.Equal(new AreaUpsertResult(2, input.Count - 2, 0), result);
        Assert.Equal(new[] { "BD554999", "BD55499901", "BD55490990008" }.Order(StringComparer.Ordinal),
            (await Store.Areas.SubtreeAsync("BD554999", cancellationToken: ct)).Select(a => a.Pcode).Order(StringComparer.Ordinal).ToList());
    }
}
