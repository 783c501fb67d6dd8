using Mosaic.Core.Registry;

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

    /// <summary><c>households</c>.</summary>
    public string Name => "households";

    /// <summary>One unit of work per household to generate.</summary>
    public long Work(DemoGenerator demo) => demo.Options.Households;

    /// <summary>Writes the households and counts <c>households_added</c>, <c>households_already_present</c> and
    /// <c>households_conflicting</c>.</summary>
    public void Run(DemoRun run)
    {
        long added = 0, present = 0, conflicts = 0, pending = 0;
        using (var batch = run.Store.Registry.BeginImport($"{SourcePrefix}{run.Demo.Options.Seed})"))
        {
            foreach (var household in run.Demo.Households())
            {
                run.Summary.Add(household);
                var fingerprint = HouseholdFingerprint.Compute(household);
                var stored = batch.AddUnlessStored(household, fingerprint);
                if (stored is null)
                {
                    added++;
                }
                else if (stored.AsSpan().SequenceEqual(fingerprint))
                {
                    present++;
                }
                else
                {
                    conflicts++;
                }
                if (++pending == 512)
                {
                    run.Advance(pending);
                    pending = 0;
                }
            }
            batch.Commit();
        }
        run.Advance(pending);
        run.Count("households_added", added);
        run.Count("households_already_present", present);
        run.Count("households_conflicting", conflicts);
    }
}
