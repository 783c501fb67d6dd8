using Mosaic.Core.Application;
using Mosaic.Core.Audit;
using Mosaic.Core.Files;
using Mosaic.Core.Privacy;
using Mosaic.Core.Storage;
using Mosaic.Core.Vulnerability;

namespace Mosaic.Core.Targeting;

/// <summary>
/// The target list export use case: select households from the stored scores and write the list. Personal data
/// never leaves without its audit entry: contacts come only from <see cref="IRegistryStore.ReadContactsAsync"/>, which
/// commits the entry before returning them, and the file appears (by rename) only after that.
/// </summary>
public static class TargetExport
{
    /// <summary>Selects the households the request asks for from the latest scoring run and writes the list; with
    /// contacts, only after their audit entry is committed.</summary>
    /// <param name="store">The unit of work.</param>
    /// <param name="request">What to select and where to write it.</param>
    /// <param name="cancellationToken">
    /// Passed to every read; cancelled before the contacts are read, no entry is written and no file appears.
    /// </param>
    public static async Task<TargetExportResult> RunAsync(IMosaicStore store, TargetExportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        var targeting = request.Targeting;
        if (!await store.Registry.HasHouseholdsAsync(cancellationToken))
        {
            throw new RequestRejectedException(
                $"the registry in {store.Description} holds no households yet: import registrations (mosaic import registrations FILE), " +
                "then run mosaic score; or build the demo with mosaic demo");
        }
        var run = await store.Scores.LatestRunAsync(cancellationToken) ?? throw new RequestRejectedException("no scores yet: run mosaic score first");
        var tree = await store.Areas.AllAsync(cancellationToken: cancellationToken);
        var areas = new AreaAncestry(tree);
        if (targeting.AreaPcode is { } pcode && areas.Find(pcode) is null)
            throw new RequestRejectedException($"unknown area P-code '{pcode}'");
        var scope = Narrowest(areas, targeting.AreaPcode, request.Actor.AreaScope);
        var list = await TargetSelection.SelectAsync(store, tree, areas, targeting, scope, "run mosaic score again", cancellationToken);
        var path = Path.GetFullPath(request.Output);
        ContactRead? contacts = null;
        if (request.IncludeContacts)
            contacts = await ReadContactsAsync(store, request, list, path, cancellationToken);
        if (request.WritePath is { } writePath)
            TargetListFile.Write(writePath, list, areas, run.Dimensions, contacts?.Contacts, request.Csv);
        else
        {
            using var file = OutputFile.Begin(path, replace: true, []);
            TargetListFile.Write(file.TemporaryPath, list, areas, run.Dimensions, contacts?.Contacts, request.Csv);
            file.Commit();
        }
        var names = list.Quotas.Select(q => q.Pcode).Distinct(StringComparer.Ordinal)
            .Select(p => (p, areas.Find(p)?.Name)).Where(x => x.Name is not null)
            .ToDictionary(x => x.p, x => x.Name!, StringComparer.Ordinal);
        return new TargetExportResult(request.Output, run, list, names, contacts?.AuditEntryId);
    }

    private static async Task<ContactRead> ReadContactsAsync(IMosaicStore store, TargetExportRequest request, TargetList list, string path,
        CancellationToken cancellationToken)
    {
        try
        {
            return await store.Registry.ReadContactsAsync(new ContactRequest(
                request.Actor, AuditActions.TargetExportContacts, path, [.. list.Households.Select(t => t.Household.Id)], request.CommandLine),
                cancellationToken);
        }
        catch (StoreException ex)
        {
            throw new StoreException(ex.Failure,
                $"could not record the export of contacts in the audit log ({ex.Message}); no list was written to {path}", ex);
        }
    }

    /// <summary>The narrower of the requested area and the actor's scope (a request outside the scope sees nothing of it).</summary>
    private static string? Narrowest(AreaAncestry areas, string? requested, string? actorScope)
    {
        if (actorScope is null || requested is null)
            return requested ?? actorScope;
        if (Array.IndexOf(areas.Of(requested), actorScope) >= 0)
            return requested;
        if (Array.IndexOf(areas.Of(actorScope), requested) >= 0)
            return actorScope;
        throw new RequestRejectedException($"area '{requested}' is outside your area scope '{actorScope}'");
    }
}
