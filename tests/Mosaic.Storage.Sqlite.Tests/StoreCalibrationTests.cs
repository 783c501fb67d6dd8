using Mosaic.Core.Hazards;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Core.Vulnerability;
using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>
/// <c>mosaic score --calibrate</c> fits from the persisted snapshot's columns (on SQLite; a store without one streams
/// the registry twice) and reuses the scoring run's exposures instead of holding every household in memory: it must
/// give exactly what calibrating on the households read as objects, in memory, gives.
/// </summary>
public sealed class StoreCalibrationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Calibrate_FromTheStoresColumns_EqualsCalibrationOnHouseholdsInMemory()
    {
        using var store = SqliteMosaicStore.Open(_dir.File("cal.db"));
        await store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: TestContext.Current.CancellationToken);
        await store.Registry.ImportAsync("test", SyntheticHouseholds.Generate(1200, 11), TestContext.Current.CancellationToken);
        var model = DefaultVulnerabilityModel.Model;
        var streamed = (await StoreScoring.ScoreAsync(store, new ScoreRequest(model, DateTimeOffset.UtcNow, 0.3), cancellationToken: TestContext.Current.CancellationToken)).Calibration!;

        // The way the command calibrated before: every household in memory, exposures computed again.
        var households = await store.Registry.ReadHouseholdsAsync(null, HouseholdFields.Location, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        var exposures = new ExposureCalculator(HazardIndex.Build(await store.Hazards.ReadLayersAsync(cancellationToken: TestContext.Current.CancellationToken)), (await store.Areas.AllAsync(withBoundaries: true, cancellationToken: TestContext.Current.CancellationToken)).Where(a => a.Boundary is not null))
            .Compute(households);
        var inMemory = Calibration.Fit(model, households, exposures, 0.3);

        Assert.True(streamed.HeldOut > 200);
        Assert.Equal((inMemory.Training, inMemory.HeldOut), (streamed.Training, streamed.HeldOut));
        Assert.Equal(inMemory.HandWeighted, streamed.HandWeighted);
        Assert.Equal(inMemory.Calibrated, streamed.Calibrated);
        Assert.Equal(inMemory.Weights, streamed.Weights);
        Assert.Equal(inMemory.Model.SourceJson, streamed.Model.SourceJson);
    }

    public void Dispose() => _dir.Dispose();
}
