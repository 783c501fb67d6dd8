namespace Mosaic.Core.Demo;

/// <summary>The steps that make up <c>mosaic demo</c>, in the order they run. Add a new kind of demo data here.</summary>
public static class DemoDataset
{
    /// <summary>New instances of the demo's steps in the order they run: areas, households, mobility, hazard layers,
    /// scoring.</summary>
    public static IReadOnlyList<IDemoStep> Steps() =>
    [
        new DemoAreasStep(),
        new DemoHouseholdsStep(),
        new MobilityDemoStep(),
        // Hazard layers and scoring (issue 4).
        new DemoHazardsStep(),
        new DemoScoringStep(),
    ];

    /// <summary>Runs every step into the run's store.</summary>
    public static void Run(DemoRun run, IEnumerable<IDemoStep>? steps = null)
    {
        foreach (var step in steps ?? Steps())
            step.Run(run);
    }
}
