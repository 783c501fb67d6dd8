namespace Mosaic.Core.Demo;

/// <summary>
/// One part of the demo dataset written into a store (areas, households, and later hazard layers, mobility
/// rounds, flow observations). Steps run in order; each draws from its own random streams (<see cref="DemoStreams"/>)
/// so adding a step never changes what the others generate.
/// </summary>
public interface IDemoStep
{
    /// <summary>Short label for progress and summaries, e.g. <c>households</c>.</summary>
    string Name { get; }

    /// <summary>Units of work the step will report through <see cref="DemoRun.Advance"/> (for the progress bar).</summary>
    long Work(DemoGenerator demo);

    /// <summary>Writes the step's data; must be idempotent (a second run adds nothing).</summary>
    /// <param name="run">The demo run: generator, store, counts and progress.</param>
    /// <param name="cancellationToken">Stops the step; a write it was making commits nothing.</param>
    Task RunAsync(DemoRun run, CancellationToken cancellationToken);
}
