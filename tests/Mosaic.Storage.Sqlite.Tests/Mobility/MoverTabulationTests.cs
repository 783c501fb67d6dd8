using Mosaic.Core.Indicators;
using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests.Mobility;

/// <summary>
/// The registry side of mobility through <c>mosaic tabulate</c>: movers (mobile statuses with a move date) by area
/// and month of move give the same counts the mobility views read, and years add up their months.
/// </summary>
public sealed class MoverTabulationTests
{
    [Fact]
    public async Task Movers_ByAreaAndMoveMonth_CountWhatTheMobilityViewsCount()
    {
        using var dir = new TempDirectory();
        using var store = SqliteMosaicStore.Open(dir.File("mosaic.db"));
        await store.Areas.UpsertAsync(RandomRegistry.Areas, cancellationToken: TestContext.Current.CancellationToken);
        var rng = new Random(3);
        var households = RandomRegistry.Households(400, seed: 5).Select(h => h with
        {
            // Move dates over three years for most people, none for the rest (they must not count).
            Members = [.. h.Members.Select(m => m with { MoveDate = rng.Next(4) == 0 ? null : new DateOnly(2022 + rng.Next(3), 1 + rng.Next(12), 1 + rng.Next(28)) })],
        }).ToList();
        await store.Registry.ImportAsync("test", households, TestContext.Current.CancellationToken);
        var tabulator = new Tabulator(await RegistrySnapshotLoader.LoadAsync(store, cancellationToken: TestContext.Current.CancellationToken), IndicatorCatalogue.Shipped);

        var byMonth = tabulator.Tabulate(new TabulationRequest("movers", ["area", "move_month"]) { MinimumCellSize = 1 });
        var expected = (await store.Mobility.ReadRegisteredMoversAsync(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken)).Where(m => m.PopulationType is not null)
            .GroupBy(m => (m.AreaPcode, m.MoveMonth)).ToDictionary(g => g.Key, g => (double)g.Count());
        Assert.True(expected.Count > 20, "the fixture should spread movers over many cells");
        var (area, month) = (byMonth.Dimensions[0], byMonth.Dimensions[1]);
        var cells = byMonth.Cells.Where(c => c.Categories[0] != TableDimension.Total && c.Categories[1] != TableDimension.Total && c.Value > 0)
            .ToDictionary(c => (area.CodeOf(c.Categories[0]), month.CodeOf(c.Categories[1])), c => c.Value!.Value);
        Assert.Equal(expected.OrderBy(kv => kv.Key), cells.OrderBy(kv => kv.Key));
        Assert.Equal(month.Codes.Skip(1).Order(StringComparer.Ordinal), month.Codes.Skip(1));

        var byYear = tabulator.Tabulate(new TabulationRequest("movers", ["move_year"]) { MinimumCellSize = 1 });
        Assert.Equal(["2022", "2023", "2024"], byYear.Dimensions[0].Codes.Where(c => c.Length > 0));
        foreach (var cell in byYear.Cells.Where(c => c.Categories[0] != TableDimension.Total && c.Value > 0))
        {
            var year = byYear.Dimensions[0].CodeOf(cell.Categories[0]);
            Assert.Equal(expected.Where(kv => kv.Key.MoveMonth.StartsWith(year, StringComparison.Ordinal)).Sum(kv => kv.Value), cell.Value);
        }
        Assert.Equal(expected.Values.Sum(), byYear.GrandTotal.Value);
    }
}
