namespace Mosaic.Core.Demo;

/// <summary>
/// The mobility part of <c>mosaic demo</c>: the assessment rounds and the river border flow monitoring point of
/// <see cref="MobilityDemo"/>. Runs after the areas step, so every location links to a demo union.
/// </summary>
internal sealed class MobilityDemoStep : IDemoStep
{
    public string Name => "mobility";

    public long Work(DemoGenerator demo) => 1;

    public async Task RunAsync(DemoRun run, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var seed = run.Demo.Options.Seed;
        var assessments = await run.Store.Mobility.UpsertAssessmentsAsync(MobilityDemo.Assessments(seed), cancellationToken);
        var observations = MobilityDemo.Observations(seed);
        var flows = await run.Store.Mobility.UpsertFlowsAsync([MobilityDemo.Point], observations, cancellationToken);
        run.Count("assessments_inserted", assessments.Inserted);
        run.Count("flow_observations", observations.Count);
        run.Count("flow_observations_inserted", flows.Inserted);
        run.Advance(1);
    }
}
