using Mosaic.Core.Hazards;
using Mosaic.Core.Storage;
using NetTopologySuite.Geometries;

namespace Mosaic.Storage.Contract;

/// <summary>Hazard layers (<see cref="IHazardStore"/>): behaviour every provider must have.</summary>
public abstract class HazardStoreContractTests(IStoreProvider provider) : ContractTestBase(provider)
{
    private static readonly GeometryFactory s_wgs84 = new(new PrecisionModel(), 4326);

    private static Polygon Square(double lon, double lat, double size) => s_wgs84.CreatePolygon(
        [new(lon, lat), new(lon + size, lat), new(lon + size, lat + size), new(lon, lat + size), new(lon, lat)]);

    private static HazardLayer Layer(HazardType type, string name, params double[] severities) => new(type, name, name + ".geojson",
        [.. severities.Select((s, i) => new HazardPolygon(Square(89.6 + (0.01 * i), 25.5, 0.01), s))]);

    private static void AssertSameLayer(HazardLayer expected, HazardLayer actual)
    {
        Assert.Equal((expected.Type, expected.Name, expected.Source, expected.ValidFrom, expected.ValidTo),
            (actual.Type, actual.Name, actual.Source, actual.ValidFrom, actual.ValidTo));
        Assert.Equal(expected.Polygons.Select(p => p.Severity), actual.Polygons.Select(p => p.Severity));
        Assert.All(expected.Polygons.Zip(actual.Polygons), pair => Assert.True(pair.First.Geometry.EqualsExact(pair.Second.Geometry)));
    }

    [Fact]
    public async Task NewStore_HasNoLayers()
    {
        Assert.Empty(await Store.Hazards.ReadLayersAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Empty(await Store.Hazards.ListLayersAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Layer_AfterReopen_ReadsBackWithItsPolygonsInOrder()
    {
        var multi = s_wgs84.CreateMultiPolygon([Square(89.7, 25.6, 0.02), Square(89.75, 25.6, 0.01)]);
        var flood = new HazardLayer(HazardType.Flood, "monsoon-2026", "flood.geojson",
            [new HazardPolygon(Square(89.6, 25.5, 0.05), 0.75), new HazardPolygon(multi, 1), new HazardPolygon(Square(89.62, 25.52, 0.001), 0)])
        {
            ValidFrom = new DateOnly(2026, 6, 1),
            ValidTo = new DateOnly(2026, 10, 31),
        };
        Assert.False(await Store.Hazards.ReplaceLayerAsync(flood, cancellationToken: TestContext.Current.CancellationToken));
        Reopen();
        AssertSameLayer(flood, Assert.Single(await Store.Hazards.ReadLayersAsync(cancellationToken: TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task ReplaceLayer_OfTheSameTypeAndName_ReplacesIt_OtherwiseAdds()
    {
        Assert.False(await Store.Hazards.ReplaceLayerAsync(Layer(HazardType.Flood, "river", 0.5, 0.5), cancellationToken: TestContext.Current.CancellationToken));
        Assert.False(await Store.Hazards.ReplaceLayerAsync(Layer(HazardType.Erosion, "river", 1), cancellationToken: TestContext.Current.CancellationToken));
        Assert.False(await Store.Hazards.ReplaceLayerAsync(Layer(HazardType.Flood, "flash", 0.25), cancellationToken: TestContext.Current.CancellationToken));
        var replacement = Layer(HazardType.Flood, "river", 1, 0.75, 0.25);
        Assert.True(await Store.Hazards.ReplaceLayerAsync(replacement, cancellationToken: TestContext.Current.CancellationToken));

        var layers = await Store.Hazards.ReadLayersAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(3, layers.Count);
        AssertSameLayer(replacement, Assert.Single(layers, l => l is { Type: HazardType.Flood, Name: "river" }));
        Assert.Equal([0.25], Assert.Single(layers, l => l.Name == "flash").Polygons.Select(p => p.Severity));
        Assert.Equal([1.0], Assert.Single(layers, l => l.Type == HazardType.Erosion).Polygons.Select(p => p.Severity));
    }

    [Fact]
    public async Task ReplaceLayer_TheSameLayerAgain_ChangesNothingButTheImportTime()
    {
        var layer = Layer(HazardType.Cyclone, "track", 0.5, 1);
        await Store.Hazards.ReplaceLayerAsync(layer, cancellationToken: TestContext.Current.CancellationToken);
        var first = Assert.Single(await Store.Hazards.ListLayersAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.True(await Store.Hazards.ReplaceLayerAsync(layer, cancellationToken: TestContext.Current.CancellationToken));
        var second = Assert.Single(await Store.Hazards.ListLayersAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(first with { ImportedAt = default }, second with { ImportedAt = default });
        Assert.True(second.ImportedAt >= first.ImportedAt);
        AssertSameLayer(layer, Assert.Single(await Store.Hazards.ReadLayersAsync(cancellationToken: TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task ListLayers_SummarisesEveryLayerWithoutPolygons()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await Store.Hazards.ReplaceLayerAsync(Layer(HazardType.Flood, "river", 0.5, 0.5, 1), cancellationToken: TestContext.Current.CancellationToken);
        await Store.Hazards.ReplaceLayerAsync(Layer(HazardType.Drought, "dry-season"), cancellationToken: TestContext.Current.CancellationToken);
        var after = DateTimeOffset.UtcNow.AddSeconds(1);
        var list = (await Store.Hazards.ListLayersAsync(cancellationToken: TestContext.Current.CancellationToken)).OrderBy(l => l.Type).ToList();
        Assert.Equal([(HazardType.Flood, "river", "river.geojson", 3), (HazardType.Drought, "dry-season", "dry-season.geojson", 0)],
            list.Select(l => (l.Type, l.Name, l.Source, l.Polygons)));
        Assert.All(list, l => Assert.InRange(l.ImportedAt, before, after));
    }

    [Fact]
    public async Task ReplaceLayer_FailingPartWay_KeepsTheStoredLayer()
    {
        var stored = Layer(HazardType.Landslide, "slopes", 0.25, 0.5);
        await Store.Hazards.ReplaceLayerAsync(stored, cancellationToken: TestContext.Current.CancellationToken);
        var polygons = Layer(HazardType.Landslide, "slopes", 1, 1, 1).Polygons;
        var failing = stored with { Polygons = new FailingList<HazardPolygon>(polygons, failAfter: 2) };
        await Assert.ThrowsAnyAsync<Exception>(async () => await Store.Hazards.ReplaceLayerAsync(failing, cancellationToken: TestContext.Current.CancellationToken));
        AssertSameLayer(stored, Assert.Single(await Store.Hazards.ReadLayersAsync(cancellationToken: TestContext.Current.CancellationToken)));
        Assert.Equal(2, Assert.Single(await Store.Hazards.ListLayersAsync(cancellationToken: TestContext.Current.CancellationToken)).Polygons);
    }
}
