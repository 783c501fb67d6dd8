using System.Buffers;
using Mosaic.Core.Areas;
using Mosaic.Core.Storage;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// Loads a snapshot through a store's persisted image: uses it as it is when it covers what the store holds now,
/// extends it by the households imported since (and refreshes the score columns after a new scoring run) when the
/// store only grew, and rebuilds it from the rows otherwise (no image, another format, torn or altered bytes, a
/// rewrite of existing rows). Whatever it built is saved back for the next process. An image older than the
/// store is therefore never served as it is.
/// </summary>
internal static class PersistedSnapshots
{
    /// <param name="source">The store.</param>
    /// <param name="tree">Its area tree.</param>
    /// <param name="scoring">
    /// Whether the caller scores: then the snapshot comes with its <see cref="RegistrySnapshot.Scoring"/> columns;
    /// otherwise a current image is read without them (they are never allocated).
    /// </param>
    /// <param name="cancellationToken">Stops every read and the save; a cancelled save leaves the stored image as it was.</param>
    public static Task<SnapshotLoad> LoadAsync(IPersistedSnapshotSource source, IReadOnlyList<Area> tree, bool scoring = false,
        CancellationToken cancellationToken = default) =>
        LoadAsync(source, tree, scoring, null, cancellationToken);

    /// <summary>
    /// As <see cref="LoadAsync(IPersistedSnapshotSource, IReadOnlyList{Area}, bool, CancellationToken)"/>; a current image is
    /// read through <paramref name="projection"/> (only its columns allocated; the snapshot is then partial). An image that
    /// must be extended or rebuilt is read whole, and the snapshot returned is whole.
    /// </summary>
    public static async Task<SnapshotLoad> LoadAsync(IPersistedSnapshotSource source, IReadOnlyList<Area> tree, bool scoring,
        SnapshotProjection? projection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(tree);
        // Read before the image and the rows: a write committing meanwhile can only make the stamp look older.
        var now = await source.CurrentCoverageAsync(cancellationToken);
        var (stored, missing) = await ReadAsync(source, tree, scoring, projection, cancellationToken);
        if (stored is { } current && current.Coverage.SameContent(now))
            return new SnapshotLoad(current.Snapshot, SnapshotLoadKind.Current, current.Coverage) { Image = current.Image };
        // To be extended (and saved again) the image is needed whole, scoring columns included.
        if (stored is not null && (!scoring || projection is not null))
            (stored, missing) = await ReadAsync(source, tree, scoring: true, projection: null, cancellationToken);
        SnapshotLoad load;
        if (stored is not { } found)
        {
            load = await RebuildAsync(source, tree, now, missing, cancellationToken);
        }
        else if (found.Coverage.SameContent(now))
        {
            return new SnapshotLoad(found.Snapshot, SnapshotLoadKind.Current, found.Coverage) { Image = found.Image };
        }
        else if (await CanExtendAsync(source, found.Snapshot, found.Coverage, now, cancellationToken))
        {
            load = await ExtendAsync(source, found.Snapshot, found.Coverage, now, cancellationToken);
        }
        else
        {
            load = await RebuildAsync(source, tree, now, SnapshotLoadKind.Rebuilt, cancellationToken);
        }
        return await SaveAsync(source, load, cancellationToken) ? load with { Image = load.Coverage } : load;
    }

    /// <summary>
    /// The snapshot of a current image with its columns read when first used (<see cref="SnapshotImage.TryOpenDeferred"/>),
    /// the score section applied as <see cref="LoadAsync(IPersistedSnapshotSource, IReadOnlyList{Area}, bool, SnapshotProjection, CancellationToken)"/>
    /// does; null (nothing kept open) when there is no image, it is not whole, or it is older than the store — the caller
    /// then loads it whole, which extends or rebuilds it. The result holds the image open: dispose it before the store.
    /// </summary>
    public static async Task<DeferredSnapshot?> OpenDeferredAsync(IPersistedSnapshotSource source, IRandomAccessImageSource ranged,
        IReadOnlyList<Area> tree, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(ranged);
        ArgumentNullException.ThrowIfNull(tree);
        var now = await source.CurrentCoverageAsync(cancellationToken);
        var image = await ranged.OpenImageAtAsync(cancellationToken);
        if (image is null)
            return null;
        try
        {
            if (SnapshotImage.TryOpenDeferred(image, tree) is { } found)
            {
                var (snapshot, coverage) = found;
                if (await source.ReadScoreSectionAsync(cancellationToken) is { } section &&
                    SnapshotScoreSection.TryApply(section, snapshot, coverage, columns: true) is { } scored)
                    (snapshot, coverage) = scored;
                if (coverage.SameContent(now))
                {
                    var open = new DeferredSnapshot(snapshot, image);
                    image = null;
                    return open;
                }
            }
            return null;
        }
        finally
        {
            image?.Dispose();
        }
    }

    /// <summary>
    /// What a target list is ranked from (<see cref="Targeting.TargetingColumns"/>): read straight from a current image
    /// (checked whole, no column of it allocated), else through <see cref="LoadAsync(IPersistedSnapshotSource, IReadOnlyList{Area}, bool, SnapshotProjection, CancellationToken)"/>
    /// (which extends or rebuilds the image and saves it) and made from the snapshot. Snapshot is set, and Columns null,
    /// only when the registry holds codes the compact form cannot: the caller then selects from the snapshot.
    /// </summary>
    public static async Task<(Targeting.TargetingColumns? Columns, RegistrySnapshot? Snapshot)> LoadTargetingAsync(IPersistedSnapshotSource source,
        IReadOnlyList<Area> tree, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(tree);
        var now = await source.CurrentCoverageAsync(cancellationToken);
        (Targeting.TargetingColumns Columns, SnapshotCoverage Coverage)? read = null;
        using (var image = await source.OpenImageAsync(cancellationToken))
        {
            if (image is not null)
                read = SnapshotImage.TryReadTargeting(image, tree, out _);
        }
        if (read is { } found)
        {
            // As ReadAsync: a score section written for this image brings its stamp to the section's run.
            var coverage = found.Coverage;
            if (await source.ReadScoreSectionAsync(cancellationToken) is { } section &&
                SnapshotScoreSection.TryApply(section, new RegistrySnapshot(found.Columns.Areas, found.Columns.HouseholdCount, 0) { IsPartial = true },
                    coverage, columns: false) is { } scored)
                coverage = scored.Coverage;
            if (coverage.SameContent(now))
                return (found.Columns, null);
        }
        var snapshot = (await LoadAsync(source, tree, scoring: false, SnapshotProjection.Targeting, cancellationToken)).Snapshot;
        return Targeting.TargetingColumns.From(snapshot) is { } columns ? (columns, null) : (null, snapshot);
    }

    /// <summary>
    /// Saves <paramref name="snapshot"/> (with its scoring columns) as the store's image, stamped <paramref name="coverage"/>:
    /// scoring calls this after saving a run, so the next reader finds the image current. A read-only, busy or full
    /// database only skips the save.
    /// </summary>
    public static async Task SaveCurrentAsync(IPersistedSnapshotSource source, RegistrySnapshot snapshot, SnapshotCoverage coverage,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        await SaveAsync(source, new SnapshotLoad(snapshot, SnapshotLoadKind.Current, coverage), cancellationToken);
    }

    /// <summary>
    /// Saves <paramref name="columns"/> (optional number columns of <paramref name="load"/>'s snapshot, current for
    /// <paramref name="now"/>) as a score section of the image the load read or saved, without rewriting the image;
    /// returns false (nothing saved) when there is no such image or it lacks one of the fields. A read-only, busy or
    /// full database only skips the save.
    /// </summary>
    public static async Task<bool> SaveScoreSectionAsync(IPersistedSnapshotSource source, SnapshotLoad load, SnapshotCoverage now,
        IReadOnlyDictionary<string, float[]> columns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(load);
        return load.Image is { } image && await SaveScoreSectionAsync(source, image, load.Snapshot.HouseholdCount, now, columns, cancellationToken);
    }

    /// <summary>
    /// As <see cref="SaveScoreSectionAsync(IPersistedSnapshotSource, SnapshotLoad, SnapshotCoverage, IReadOnlyDictionary{string, float[]}, CancellationToken)"/>
    /// for the stored image stamped <paramref name="image"/>, of <paramref name="households"/> households.
    /// </summary>
    public static Task<bool> SaveScoreSectionAsync(IPersistedSnapshotSource source, SnapshotCoverage image, int households, SnapshotCoverage now,
        IReadOnlyDictionary<string, float[]> columns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return SaveScoreSectionAsync(source, image, now, [.. columns.Keys], () => SnapshotScoreSection.Write(image, households, now, columns),
            cancellationToken);
    }

    /// <summary>
    /// As <see cref="SaveScoreSectionAsync(IPersistedSnapshotSource, SnapshotCoverage, int, SnapshotCoverage, IReadOnlyDictionary{string, float[]}, CancellationToken)"/>
    /// with the columns <paramref name="names"/> filled in place in the section by <paramref name="fill"/> (called only
    /// when the section is written).
    /// </summary>
    public static Task<bool> SaveScoreSectionAsync(IPersistedSnapshotSource source, SnapshotCoverage image, int households, SnapshotCoverage now,
        IReadOnlyList<string> names, SpanAction<float, string> fill, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fill);
        return SaveScoreSectionAsync(source, image, now, names, () => SnapshotScoreSection.Write(image, households, now, names, fill), cancellationToken);
    }

    private static async Task<bool> SaveScoreSectionAsync(IPersistedSnapshotSource source, SnapshotCoverage image, SnapshotCoverage now,
        IReadOnlyList<string> names, Func<byte[]> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(names);
        if (!SnapshotImage.Supported || !image.OptionalNumbers.SequenceEqual(now.OptionalNumbers, StringComparer.Ordinal) ||
            !names.All(image.OptionalNumbers.Contains))
            return false;
        try
        {
            await source.SaveScoreSectionAsync(write(), cancellationToken);
        }
        catch (StoreException ex) when (ex.Failure is StoreFailure.ReadOnly or StoreFailure.Busy or StoreFailure.Full)
        {
            // As for the image: the next reader refreshes the score fields from the store.
        }
        return true;
    }

    /// <summary>
    /// The stored image with its score section applied when the section belongs to it (Coverage: what the snapshot
    /// covers then; Image: the stamp of the image bytes themselves).
    /// </summary>
    private static async Task<((RegistrySnapshot Snapshot, SnapshotCoverage Coverage, SnapshotCoverage Image)? Stored, SnapshotLoadKind IfUnusable)> ReadAsync(
        IPersistedSnapshotSource source, IReadOnlyList<Area> tree, bool scoring, SnapshotProjection? projection, CancellationToken cancellationToken)
    {
        (RegistrySnapshot Snapshot, SnapshotCoverage Coverage)? read;
        using (var image = await source.OpenImageAsync(cancellationToken))
        {
            if (image is null)
                return (null, SnapshotLoadKind.Built);
            // Read straight into the columns: the image is never held whole beside them.
            read = SnapshotImage.TryRead(image, tree, scoring, projection);
        }
        if (read is not { } found)
            return (null, SnapshotLoadKind.Rebuilt);
        // A section written for another image, torn or altered is ignored: the image's own score run then tells
        // the caller to refresh the score fields from the store.
        var scored = await source.ReadScoreSectionAsync(cancellationToken) is { } section
            ? SnapshotScoreSection.TryApply(section, found.Snapshot, found.Coverage, columns: projection is null || projection.ExtraNumbers)
            : null;
        return (scored is { } s ? (s.Snapshot, s.Coverage, found.Coverage) : (found.Snapshot, found.Coverage, found.Coverage), SnapshotLoadKind.Rebuilt);
    }

    /// <summary>Whether the image holds exactly the store's first rows, unchanged since: then only newer households are missing.</summary>
    private static async Task<bool> CanExtendAsync(IPersistedSnapshotSource source, RegistrySnapshot snapshot, SnapshotCoverage had, SnapshotCoverage now,
        CancellationToken cancellationToken) =>
        had.Rewrites == now.Rewrites && had.LastHouseholdId <= now.LastHouseholdId &&
        await source.CountHouseholdsThroughAsync(had.LastHouseholdId, cancellationToken) == snapshot.HouseholdCount;

    private static async Task<SnapshotLoad> ExtendAsync(IPersistedSnapshotSource source, RegistrySnapshot snapshot, SnapshotCoverage had, SnapshotCoverage now,
        CancellationToken cancellationToken)
    {
        var added = (int)Math.Clamp(now.LastHouseholdId - had.LastHouseholdId, 16, 1 << 24);
        var builder = RegistrySnapshotBuilder.Continuing(snapshot, added);
        var last = await source.ScanAfterAsync(builder, had.LastHouseholdId, cancellationToken);
        var extended = builder.Build();
        var names = now.OptionalNumbers;
        if (had.ScoreRunId != now.ScoreRunId || !had.OptionalNumbers.SequenceEqual(names, StringComparer.Ordinal))
        {
            var numbers = await source.ReadOptionalNumbersAsync(names, last, cancellationToken);
            if (numbers.Values.Any(c => c.Length != extended.HouseholdCount))
                throw new InvalidOperationException("the store's optional numbers do not match its households");
            extended = extended.WithExtraNumbers(numbers);
        }
        else
        {
            names = had.OptionalNumbers;
        }
        return new SnapshotLoad(extended, SnapshotLoadKind.Extended, now with { LastHouseholdId = last, OptionalNumbers = names });
    }

    private static async Task<SnapshotLoad> RebuildAsync(IPersistedSnapshotSource source, IReadOnlyList<Area> tree, SnapshotCoverage now, SnapshotLoadKind kind,
        CancellationToken cancellationToken)
    {
        var builder = new RegistrySnapshotBuilder(tree, now.OptionalNumbers, (int)Math.Clamp(now.LastHouseholdId, 16, 1 << 26));
        var last = await source.ScanAfterAsync(builder, 0, cancellationToken);
        return new SnapshotLoad(builder.Build(), kind, now with { LastHouseholdId = last });
    }

    /// <summary>Saves the load's snapshot as the image; false when it was not saved.</summary>
    private static async Task<bool> SaveAsync(IPersistedSnapshotSource source, SnapshotLoad load, CancellationToken cancellationToken)
    {
        if (!SnapshotImage.Supported)
            return false;
        try
        {
            await source.SaveImageAsync(SnapshotImage.Write(load.Snapshot, load.Coverage), cancellationToken);
            return true;
        }
        catch (StoreException ex) when (ex.Failure is StoreFailure.ReadOnly or StoreFailure.Busy or StoreFailure.Full)
        {
            // The snapshot is correct without its image: a read-only or busy database only costs the next reader a build.
            return false;
        }
    }
}

/// <summary>A snapshot whose columns are read from a stored image when first used, and the image it reads them from.</summary>
internal sealed class DeferredSnapshot(RegistrySnapshot snapshot, IRandomAccessImage image) : IDisposable
{
    /// <summary>The snapshot: valid while this is not disposed.</summary>
    public RegistrySnapshot Snapshot { get; } = snapshot;

    /// <summary>Closes the image; a column not read by then can no longer be.</summary>
    public void Dispose() => image.Dispose();
}

/// <summary>How <see cref="PersistedSnapshots.LoadAsync(IPersistedSnapshotSource, IReadOnlyList{Area}, bool, SnapshotProjection, CancellationToken)"/> came by its snapshot.</summary>
internal enum SnapshotLoadKind
{
    /// <summary>The stored image covered the store as it is.</summary>
    Current,

    /// <summary>The stored image was extended by the households imported since (and new scores).</summary>
    Extended,

    /// <summary>There was no image: built from the rows.</summary>
    Built,

    /// <summary>The image was unusable (torn, altered, another format, or existing rows were rewritten): rebuilt from the rows.</summary>
    Rebuilt,
}

/// <summary>A loaded snapshot, how it was obtained and what it covers.</summary>
internal sealed record SnapshotLoad(RegistrySnapshot Snapshot, SnapshotLoadKind Kind, SnapshotCoverage Coverage)
{
    /// <summary>
    /// The stamp of the image stored now that this snapshot was read from or saved as (null when none was saved);
    /// differs from <see cref="Coverage"/> when a score section gave the image a newer run's score fields.
    /// </summary>
    public SnapshotCoverage? Image { get; init; }
}
