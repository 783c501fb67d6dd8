namespace Mosaic.Core.Demo;

/// <summary>Writes the demo's area tree with boundaries.</summary>
internal sealed class DemoAreasStep : IDemoStep
{
    public string Name => "areas";

    public long Work(DemoGenerator demo) => demo.Areas().Count;

    public void Run(DemoRun run)
    {
        var areas = run.Demo.Areas();
        var result = run.Store.Areas.Upsert(areas);
        run.Count("areas", areas.Count);
        run.Count("areas_inserted", result.Inserted);
        run.Count("areas_updated", result.Updated);
        run.Advance(areas.Count);
    }
}
