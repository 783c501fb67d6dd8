namespace Mosaic.Core.Tabulation;

/// <summary>
/// What state of a store a persisted snapshot image was built from. Every field is read before the build, except
/// <see cref="LastHouseholdId"/>, which is the last household the build actually read; so a write that commits
/// during a build can only make the stamp look older than the data (the next reader then does a little extra work,
/// never shows stale data).
/// </summary>
/// <param name="RegistryVersion">The store's <see cref="Storage.IRegistryStore.CurrentVersionAsync"/>.</param>
/// <param name="Rewrites">
/// Count of writes that changed or removed existing household or person rows. Imports only add rows, so an image
/// is extended by the households after <see cref="LastHouseholdId"/>; any rewrite forces a full rebuild.
/// </param>
/// <param name="LastHouseholdId">Highest household id in the image (0 when it holds none).</param>
/// <param name="ScoreRunId">The latest scoring run, whose results fill the score fields (0 when none).</param>
/// <param name="OptionalNumbers">Names of the optional household number fields, in order.</param>
public sealed record SnapshotCoverage(long RegistryVersion, long Rewrites, long LastHouseholdId, long ScoreRunId, IReadOnlyList<string> OptionalNumbers)
{
    /// <summary>Whether both cover the same rows and fields (the registry version aside).</summary>
    public bool SameContent(SnapshotCoverage other) =>
        other is not null && Rewrites == other.Rewrites && LastHouseholdId == other.LastHouseholdId && ScoreRunId == other.ScoreRunId &&
        OptionalNumbers.SequenceEqual(other.OptionalNumbers, StringComparer.Ordinal);
}
