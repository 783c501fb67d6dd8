using Mosaic.Core.Storage;

namespace Mosaic.Core.Demo;

/// <summary>
/// Writes the demo households through one registration batch. A household whose submission id is already stored
/// with the same content is counted as already present; one with different content (e.g. written by an older
/// version of the generator) is a conflict and left untouched, as an import would.
/// </summary>
public sealed class DemoHouseholdsStep : IDemoStep
{
    /// <summary>How the demo names its import source (<c>demo (seed S)</c>), telling its households from imported ones.</summary>
    public const string SourcePrefix = "demo (seed ";

    private const int ChunkSize = 512;

    /// <summary><c>households</c>.</summary>
    public string Name => "households";

    /// <summary>One unit of work per household to generate.</summary>
    public long Work(DemoGenerator demo) => demo.Options.Households;

    /// <summary>Writes the households and counts <c>households_added</c>, <c>households_already_present</c> and
    /// <c>households_conflicting</c>.</summary>
    public async Task RunAsync(DemoRun run, CancellationToken cancellationToken)
    {
        long added = 0, present = 0, conflicts = 0;
        await using (var batch = await run.Store.Registry.BeginImportAsync($"{SourcePrefix}{run.Demo.Options.Seed})", cancellationToken).ConfigureAwait(false))
        {
            var chunk = new List<FingerprintedHousehold>(ChunkSize);
            foreach (var household in run.Demo.Households())
            {
                run.Summary.Add(household);
                chunk.Add(FingerprintedHousehold.Of(household));
                if (chunk.Count == ChunkSize)
                    await AddAsync(chunk).ConfigureAwait(false);
            }
            await AddAsync(chunk).ConfigureAwait(false);
            await batch.CommitAsync(cancellationToken).ConfigureAwait(false);

            // Cancelled between chunks (the batch checks the token), the batch is disposed uncommitted and nothing is stored.
            async Task AddAsync(List<FingerprintedHousehold> households)
            {
                foreach (var outcome in await batch.AddAsync(households, cancellationToken).ConfigureAwait(false))
                {
                    switch (outcome)
                    {
                        case RegistrationOutcome.Added:
                            added++;
                            break;
                        case RegistrationOutcome.Duplicate:
                            present++;
                            break;
                        default:
                            conflicts++;
                            break;
                    }
                }
                run.Advance(households.Count);
                households.Clear();
            }
        }
        run.Count("households_added", added);
        run.Count("households_already_present", present);
        run.Count("households_conflicting", conflicts);
    }
}
