using Mosaic.Core.Demo;
using Mosaic.Core.Indicators;
using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;
using Mosaic.Core.Vulnerability;
using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests.Tabulation;

/// <summary>The snapshot's <c>hazard_exposure</c> and <c>vulnerability</c> fields come from the latest scoring run.</summary>
public sealed class ScoreFieldsSnapshotTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Snapshot_AfterScoring_CountsHouseholdsInAHazardZoneAsTheStoredExposuresDo()
    {
        using var store = SqliteMosaicStore.Open(_dir.File("scored.db"));
        await store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: TestContext.Current.CancellationToken);
        await store.Registry.ImportAsync("test", SyntheticHouseholds.Generate(300, 8), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("hazard_exposure", (await RegistrySnapshotLoader.LoadAsync(store, cancellationToken: TestContext.Current.CancellationToken)).OptionalHouseholdFields);

        await store.Hazards.ReplaceLayerAsync(HazardDemo.Flood(), cancellationToken: TestContext.Current.CancellationToken);
        var cache = new RegistrySnapshotCache();
        var before = await cache.GetAsync(store, cancellationToken: TestContext.Current.CancellationToken);
        await StoreScoring.RunAsync(store, DefaultVulnerabilityModel.Model, DateTimeOffset.UnixEpoch, cancellationToken: TestContext.Current.CancellationToken);
        var snapshot = await cache.GetAsync(store, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotSame(before, snapshot);
        Assert.Contains("hazard_exposure", snapshot.OptionalHouseholdFields);
        Assert.Contains("vulnerability", snapshot.OptionalHouseholdFields);

        var scores = await store.Scores.ReadScoresAsync(cancellationToken: TestContext.Current.CancellationToken);
        var known = scores.Count(s => s.Exposure.Any(double.IsFinite));
        var exposed = scores.Count(s => s.Exposure.Where(double.IsFinite).DefaultIfEmpty(0).Max() > 0);
        Assert.InRange(exposed, 1, known - 1);
        var table = new Tabulator(snapshot, IndicatorCatalogue.Shipped)
            .Tabulate(new TabulationRequest("hh_in_hazard_zone", ["adm4"]) { MinimumCellSize = 1 });
        Assert.Equal(known, table.GrandTotal.Denominator);
        Assert.Equal((double)exposed / known, table.GrandTotal.Value!.Value, 12);
    }
}
