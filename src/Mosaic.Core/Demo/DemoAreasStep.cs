namespace Mosaic.Core.Demo;

/// <summary>Writes the demo's area tree with boundaries.</summary>
internal sealed class DemoAreasStep : IDemoStep
{
    public string Name => "areas";

    public long Work(DemoGenerator demo) => demo.Areas().Count;

    public async Task RunAsync(DemoRun run, CancellationToken cancellationToken)
    {
        var areas = run.Demo.Areas();
        var result = await run.Store.Areas.UpsertAsync(areas, cancellationToken: cancellationToken);
        run.Count("areas", areas.Count);
        run.Count("areas_inserted", result.Inserted);
        run.Count("areas_updated", result.Updated);
        run.Advance(areas.Count);
    }
}
