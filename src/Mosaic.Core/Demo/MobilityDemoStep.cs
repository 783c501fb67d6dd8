namespace Mosaic.Core.Demo;

/// <summary>
/// The mobility part of <c>mosaic demo</c>: the assessment rounds and the river border flow monitoring point of
/// <see cref="MobilityDemo"/>. Runs after the areas step, so every location links to a demo union.
/// </summary>
internal sealed class MobilityDemoStep : IDemoStep
{
    public string Name => "mobility";

    public long Work(DemoGenerator demo) => 1;

    public void Run(DemoRun run)
    {
        var seed = run.Demo.Options.Seed;
        var assessments = run.Store.Mobility.UpsertAssessments(MobilityDemo.Assessments(seed));
        var observations = MobilityDemo.Observations(seed);
        var flows = run.Store.Mobility.UpsertFlows([MobilityDemo.Point], observations);
        run.Count("assessments_inserted", assessments.Inserted);
        run.Count("flow_observations", observations.Count);
        run.Count("flow_observations_inserted", flows.Inserted);
        run.Advance(1);
    }
}
