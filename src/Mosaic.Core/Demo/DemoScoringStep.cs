using Mosaic.Core.Vulnerability;

namespace Mosaic.Core.Demo;

/// <summary>Scores every demo household with the default vulnerability model (DESIGN §4: the demo "scores it").</summary>
internal sealed class DemoScoringStep : IDemoStep
{
    public string Name => "scores";

    public long Work(DemoGenerator demo) => 1;

    public void Run(DemoRun run)
    {
        // A fixed timestamp keeps the demo deterministic; the run id still tells runs apart.
        var summary = StoreScoring.Run(run.Store, DefaultVulnerabilityModel.Model, new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero));
        run.Count("households_scored", summary.Households);
        foreach (var (cls, n) in summary.Classes)
            run.Count("class_" + cls, n);
        run.Advance(1);
    }
}
