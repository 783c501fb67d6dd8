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
    public void NewStore_HasNoLayers()
    {
        Assert.Empty(Store.Hazards.ReadLayers());
        Assert.Empty(Store.Hazards.ListLayers());
    }

    [Fact]
    public void Layer_AfterReopen_ReadsBackWithItsPolygonsInOrder()
    {
        var multi = s_wgs84.CreateMultiPolygon([Square(89.7, 25.6, 0.02), Square(89.75, 25.6, 0.01)]);
        var flood = new HazardLayer(HazardType.Flood, "monsoon-2026", "flood.geojson",
            [new HazardPolygon(Square(89.6, 25.5, 0.05), 0.75), new HazardPolygon(multi, 1), new HazardPolygon(Square(89.62, 25.52, 0.001), 0)])
        {
            ValidFrom = new DateOnly(2026, 6, 1),
            ValidTo = new DateOnly(2026, 10, 31),
        };
        Assert.False(Store.Hazards.ReplaceLayer(flood));
        Reopen();
        AssertSameLayer(flood, Assert.Single(Store.Hazards.ReadLayers()));
    }

    [Fact]
    public void ReplaceLayer_OfTheSameTypeAndName_ReplacesIt_OtherwiseAdds()
    {
        Assert.False(Store.Hazards.ReplaceLayer(Layer(HazardType.Flood, "river", 0.5, 0.5)));
        Assert.False(Store.Hazards.ReplaceLayer(Layer(HazardType.Erosion, "river", 1)));
        Assert.False(Store.Hazards.ReplaceLayer(Layer(HazardType.Flood, "flash", 0.25)));
        var replacement = Layer(HazardType.Flood, "river", 1, 0.75, 0.25);
        Assert.True(Store.Hazards.ReplaceLayer(replacement));

        var layers = Store.Hazards.ReadLayers();
        Assert.Equal(3, layers.Count);
        AssertSameLayer(replacement, Assert.Single(layers, l => l is { Type: HazardType.Flood, Name: "river" }));
        Assert.Equal([0.25], Assert.Single(layers, l => l.Name == "flash").Polygons.Select(p => p.Severity));
        Assert.Equal([1.0], Assert.Single(layers, l => l.Type == HazardType.Erosion).Polygons.Select(p => p.Severity));
    }

    [Fact]
    public void ReplaceLayer_TheSameLayerAgain_ChangesNothingButTheImportTime()
    {
        var layer = Layer(HazardType.Cyclone, "track", 0.5, 1);
        Store.Hazards.ReplaceLayer(layer);
        var first = Assert.Single(Store.Hazards.ListLayers());
        Assert.True(Store.Hazards.ReplaceLayer(layer));
        var second = Assert.Single(Store.Hazards.ListLayers());
        Assert.Equal(first with { ImportedAt = default }, second with { ImportedAt = default });
        Assert.True(second.ImportedAt >= first.ImportedAt);
        AssertSameLayer(layer, Assert.Single(Store.Hazards.ReadLayers()));
    }

    [Fact]
    public void ListLayers_SummarisesEveryLayerWithoutPolygons()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        Store.Hazards.ReplaceLayer(Layer(HazardType.Flood, "river", 0.5, 0.5, 1));
        Store.Hazards.ReplaceLayer(Layer(HazardType.Drought, "dry-season"));
        var after = DateTimeOffset.UtcNow.AddSeconds(1);
        var list = Store.Hazards.ListLayers().OrderBy(l => l.Type).ToList();
        Assert.Equal([(HazardType.Flood, "river", "river.geojson", 3), (HazardType.Drought, "dry-season", "dry-season.geojson", 0)],
            list.Select(l => (l.Type, l.Name, l.Source, l.Polygons)));
        Assert.All(list, l => Assert.InRange(l.ImportedAt, before, after));
    }

    [Fact]
    public void ReplaceLayer_FailingPartWay_KeepsTheStoredLayer()
    {
        var stored = Layer(HazardType.Landslide, "slopes", 0.25, 0.5);
        Store.Hazards.ReplaceLayer(stored);
        var polygons = Layer(HazardType.Landslide, "slopes", 1, 1, 1).Polygons;
        var failing = stored with { Polygons = new FailingList<HazardPolygon>(polygons, failAfter: 2) };
        Assert.ThrowsAny<Exception>(() => Store.Hazards.ReplaceLayer(failing));
        AssertSameLayer(stored, Assert.Single(Store.Hazards.ReadLayers()));
        Assert.Equal(2, Assert.Single(Store.Hazards.ListLayers()).Polygons);
    }
}
