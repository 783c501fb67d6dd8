using Mosaic.Core.Application;
using Mosaic.Core.Storage;
using Mosaic.Core.Vulnerability;

namespace Mosaic.Core.Targeting;

/// <summary>
/// The target-list use case without output: the latest scores of the households in an area's subtree, ranked within
/// quotas. The API renders it; <c>mosaic target</c> composes the same steps with its file and audit rules.
/// </summary>
public static class TargetListRun
{
    /// <summary>Runs the request; the list carries no names or phones.</summary>
    /// <exception cref="RequestRejectedException">No households, no scores yet, an unknown area, or scores older than the registry.</exception>
    /// <param name="store">The unit of work.</param>
    /// <param name="request">What to select.</param>
    /// <param name="cancellationToken">Passed to every read.</param>
    public static async Task<TargetListResult> RunAsync(IMosaicStore store, TargetingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        if (await store.Registry.CountHouseholdsAsync(request.AreaPcode, cancellationToken) == 0)
            throw new RequestRejectedException("the registry holds no households in this area yet: import registrations, then score them");
        var run = await store.Scores.LatestRunAsync(cancellationToken) ?? throw new RequestRejectedException("no scores yet: run a scoring first (mosaic score)");
        var tree = await store.Areas.AllAsync(cancellationToken: cancellationToken);
        var areas = new AreaAncestry(tree);
        if (request.AreaPcode is { } pcode && areas.Find(pcode) is null)
            throw new RequestRejectedException($"unknown area P-code '{pcode}'");
        var list = await TargetSelection.SelectAsync(store, tree, areas, request, request.AreaPcode, "score again first", cancellationToken);
        return new TargetListResult(list, areas, run);
    }
}

/// <summary>A target list with the area tree it was ranked in and the scoring run it used.</summary>
public sealed record TargetListResult(TargetList List, AreaAncestry Areas, ScoreRunInfo Run);
