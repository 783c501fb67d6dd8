using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators;
using Mosaic.Core.Tabulation;

namespace Mosaic.Storage.Contract;

// Record keys of cell-key perturbation: every stored person and household has one, given once at insert and never
// changed, so a perturbed table read through any handle, at any later time, shows the same values.
public abstract partial class StoreContractTests
{
    private static TabulationResult PerturbedPopulation(RegistrySnapshot snapshot) =>
        new Tabulator(snapshot, IndicatorCatalogue.Shipped).Tabulate(
            new TabulationRequest("population", ["area", "sex", "age_group"]) { Method = DisclosureMethod.Perturbation, AreaPcode = "BD5549" });

    private static List<(string, double?)> Values(TabulationResult result) =>
        [.. result.Cells.Select(c => (string.Join("/", c.Categories.Select((k, d) => result.Dimensions[d].CodeOf(k))), c.Value))];

    [Fact]
    public async Task Registry_ImportedRecords_HaveRecordKeysThatNeverChange()
    {
        await Store.Areas.UpsertAsync(RandomRegistry.Areas, cancellationToken: TestContext.Current.CancellationToken);
        var households = RandomRegistry.Households(150, seed: 3);
        await ImportAsync([.. households]);
        var first = await RegistrySnapshotLoader.LoadAsync(Store, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(first.HasRecordKeys);
        var before = Values(PerturbedPopulation(first));

        // Another import adds records of its own and leaves the stored ones, and so their keys, as they were.
        await ImportAsync([.. RandomRegistry.Households(20, seed: 4).Select(h => h with { AreaPcode = "BD5527" })]);
        Reopen();
        var after = Values(PerturbedPopulation(await RegistrySnapshotLoader.LoadAsync(Store, cancellationToken: TestContext.Current.CancellationToken)));
        Assert.Equal(before, after);
    }
}
