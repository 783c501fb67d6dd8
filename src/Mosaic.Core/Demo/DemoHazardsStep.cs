namespace Mosaic.Core.Demo;

/// <summary>Writes the demo's flood and riverbank-erosion layers along the Brahmaputra (<see cref="HazardDemo"/>).</summary>
public sealed class DemoHazardsStep : IDemoStep
{
    public string Name => "hazards";

    public long Work(DemoGenerator demo) => 2;

    public void Run(DemoRun run)
    {
        // Layers replace same-named ones, so a second run changes nothing.
        var seed = (int)(run.Demo.Options.Seed % int.MaxValue);
        var polygons = 0;
        foreach (var layer in new[] { HazardDemo.Flood(seed), HazardDemo.Erosion(seed) })
        {
            run.Store.Hazards.ReplaceLayer(layer);
            polygons += layer.Polygons.Count;
            run.Advance(1);
        }
        run.Count("hazard_polygons", polygons);
    }
}
