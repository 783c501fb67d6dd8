using Mosaic.Core.Hazards;

namespace Mosaic.Core.Demo;

/// <summary>Writes the demo's flood and riverbank-erosion layers along the Brahmaputra (<see cref="HazardDemo"/>).</summary>
internal sealed class DemoHazardsStep : IDemoStep
{
    public string Name => "hazards";

    public long Work(DemoGenerator demo) => 2;

    /// <summary>The demo's layers for a seed: what the step stores and what <c>--export-kobo</c> writes as GeoJSON.</summary>
    public static IReadOnlyList<HazardLayer> Layers(DemoOptions options)
    {
        var seed = (int)(options.Seed % int.MaxValue);
        return [HazardDemo.Flood(seed), HazardDemo.Erosion(seed)];
    }

    public void Run(DemoRun run)
    {
        // Layers replace same-named ones, so a second run changes nothing.
        var polygons = 0;
        foreach (var layer in Layers(run.Demo.Options))
        {
            run.Store.Hazards.ReplaceLayer(layer);
            polygons += layer.Polygons.Count;
            run.Advance(1);
        }
        run.Count("hazard_polygons", polygons);
    }
}
